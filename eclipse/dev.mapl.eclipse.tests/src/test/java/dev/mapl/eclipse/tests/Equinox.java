package dev.mapl.eclipse.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A real Equinox framework (org.eclipse.osgi from Maven Central) with the site's MAPL bundles and
 * the platform bundles they need installed, resolved, not yet started.
 */
final class Equinox implements AutoCloseable {

	final Framework framework;
	/** The bundles from the update site (the MAPL ones). */
	final List<Bundle> mapl = new ArrayList<>();

	/**
	 * @param platformFilter which of the build-only platform repository's bundles to install (by
	 *            symbolic name), so a test can leave one out
	 */
	Equinox(String name, Predicate<String> platformFilter) throws IOException, BundleException {
		Path storage = Build.work(name);
		Map<String, String> config = new HashMap<>();
		config.put(Constants.FRAMEWORK_STORAGE, storage.resolve("configuration").toString());
		config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
		config.put("osgi.instance.area", storage.resolve("workspace").toUri().toString());
		config.put("osgi.os", "linux");
		config.put("osgi.ws", "gtk");
		config.put("osgi.arch", "x86_64");
		framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
		framework.start();
		var context = framework.getBundleContext();
		List<Path> site = Build.jars(Build.site().resolve("plugins"));
		List<String> siteNames = new ArrayList<>();
		for (Path jar : site) {
			mapl.add(context.installBundle(jar.toUri().toString()));
			siteNames.add(Build.symbolicName(jar));
		}
		for (Path jar : Build.jars(Build.platform())) {
			String bsn = Build.symbolicName(jar);
			// The framework is already running; the site's bundles come from the site itself.
			if (bsn == null || bsn.equals("org.eclipse.osgi") || siteNames.contains(bsn) || !platformFilter.test(bsn)) {
				continue;
			}
			context.installBundle(jar.toUri().toString());
		}
		framework.adapt(FrameworkWiring.class).resolveBundles(null);
	}

	Bundle mapl(String symbolicName) {
		return mapl.stream().filter(b -> b.getSymbolicName().equals(symbolicName)).findFirst()
				.orElseThrow(() -> new AssertionError("the site has no bundle " + symbolicName));
	}

	@Override
	public void close() throws Exception {
		framework.stop();
		framework.waitForStop(30_000);
	}
}
