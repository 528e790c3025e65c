package dev.mapl.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The p2 metadata of the built update site, and what the MAPL bundle ships. */
class UpdateSiteTest {

	private static final String BUNDLE = "dev.mapl.eclipse";
	private static final String FEATURE = "dev.mapl.eclipse.feature";

	@Test
	void contentListsTheFeatureAndEveryBundleAtTheRootVersion() throws Exception {
		Map<String, String> units = installableUnits(Build.site().resolve("content.xml"));
		String prefix = Build.osgiVersionPrefix();
		for (String id : List.of(FEATURE + ".feature.group", FEATURE + ".feature.jar", BUNDLE)) {
			assertNotNull(units.get(id), "content.xml has no unit " + id + ": " + units.keySet());
			assertTrue(units.get(id).startsWith(prefix), id + " " + units.get(id) + " is not the root version " + prefix + "*");
		}
		// Exactly the feature's bundles: no stub, no platform bundle.
		assertEquals(new TreeSet<>(featurePlugins()), bundleUnits(Build.site().resolve("content.xml")));
	}

	/** p2 installs the bundle only next to the real LSP4E and TM4E packages, never the stubs. */
	@Test
	void theBundleRequiresTheRealLsp4eAndTm4ePackages() throws Exception {
		Document doc = parse(Build.site().resolve("content.xml"));
		NodeList units = doc.getElementsByTagName("unit");
		Map<String, String> required = new TreeMap<>();
		for (int i = 0; i < units.getLength(); i++) {
			Element unit = (Element) units.item(i);
			if (unit.getAttribute("id").equals(BUNDLE)) {
				NodeList list = unit.getElementsByTagName("required");
				for (int r = 0; r < list.getLength(); r++) {
					Element e = (Element) list.item(r);
					required.put(e.getAttribute("namespace") + ":" + e.getAttribute("name"), e.getAttribute("range"));
				}
			}
		}
		assertEquals("[0.1.0,0.2.0)", required.get("java.package:org.eclipse.lsp4e.server"), required.toString());
		assertEquals("0.0.0", required.get("java.package:org.eclipse.tm4e.ui.text"), required.toString());
		assertTrue(required.keySet().stream().noneMatch(k -> k.contains("stub")), required.toString());
	}

	@Test
	void artifactsListTheFeatureAndEveryBundle() throws Exception {
		Document doc = parse(Build.site().resolve("artifacts.xml"));
		Map<String, String> artifacts = new TreeMap<>();
		NodeList list = doc.getElementsByTagName("artifact");
		for (int i = 0; i < list.getLength(); i++) {
			Element a = (Element) list.item(i);
			artifacts.put(a.getAttribute("classifier") + ":" + a.getAttribute("id"), a.getAttribute("version"));
		}
		Map<String, String> units = installableUnits(Build.site().resolve("content.xml"));
		assertEquals(units.get(FEATURE + ".feature.jar"), artifacts.get("org.eclipse.update.feature:" + FEATURE));
		for (String plugin : featurePlugins()) {
			assertEquals(units.get(plugin), artifacts.get("osgi.bundle:" + plugin), plugin + " in " + artifacts);
			String file = plugin + "_" + units.get(plugin) + ".jar";
			assertTrue(Files.isRegularFile(Build.site().resolve("plugins").resolve(file)), "plugins/" + file);
		}
		assertEquals(1 + featurePlugins().size(), artifacts.size(), "artifacts.xml: " + artifacts);
	}

	@Test
	void theCategoryShowsUp() throws Exception {
		Document doc = parse(Build.site().resolve("content.xml"));
		NodeList list = doc.getElementsByTagName("unit");
		for (int i = 0; i < list.getLength(); i++) {
			Element unit = (Element) list.item(i);
			Map<String, String> properties = properties(unit);
			if ("true".equals(properties.get("org.eclipse.equinox.p2.type.category"))) {
				assertEquals("MAPL", properties.get("org.eclipse.equinox.p2.name"));
				NodeList required = unit.getElementsByTagName("required");
				List<String> names = new ArrayList<>();
				for (int r = 0; r < required.getLength(); r++) {
					names.add(((Element) required.item(r)).getAttribute("name"));
				}
				assertEquals(List.of(FEATURE + ".feature.group"), names);
				return;
			}
		}
		throw new AssertionError("content.xml has no category unit");
	}

	@Test
	void theZipHoldsTheSameSite() throws Exception {
		try (ZipFile zip = new ZipFile(Build.siteZip().toFile())) {
			assertNotNull(zip.getEntry("content.xml"));
			assertNotNull(zip.getEntry("artifacts.xml"));
			for (Path jar : Build.jars(Build.site().resolve("plugins"))) {
				assertNotNull(zip.getEntry("plugins/" + jar.getFileName()), "zip lacks plugins/" + jar.getFileName());
			}
		}
	}

	@Test
	void theGrammarIsTheVsCodeOneByteForByte() throws Exception {
		byte[] vscode = Files.readAllBytes(Build.root().resolve("vscode/syntaxes/mapl.tmLanguage.json"));
		assertArrayEquals(vscode, entry("syntaxes/mapl.tmLanguage.json"));
		// plugin.xml registers the grammar under the scope name the grammar itself declares.
		Matcher scope = Pattern.compile("\"scopeName\"\\s*:\\s*\"([^\"]+)\"").matcher(new String(vscode, "UTF-8"));
		assertTrue(scope.find(), "the grammar declares no scopeName");
		String pluginXml = new String(entry("plugin.xml"), "UTF-8");
		assertTrue(pluginXml.contains("<grammar scopeName=\"" + scope.group(1) + "\""), "plugin.xml does not register " + scope.group(1));
	}

	@Test
	void theServerJarIsTheRootBuildOne() throws Exception {
		byte[] built = Files.readAllBytes(Build.root().resolve("dsl.ide/target/mapl-language-server.jar"));
		assertArrayEquals(built, entry("server/mapl-language-server.jar"));
	}

	private static byte[] entry(String name) throws IOException {
		Path bundle = Build.jars(Build.site().resolve("plugins")).stream()
				.filter(p -> p.getFileName().toString().startsWith(BUNDLE + "_")).findFirst().orElseThrow();
		try (JarFile jar = new JarFile(bundle.toFile())) {
			var e = jar.getJarEntry(name);
			assertNotNull(e, bundle.getFileName() + " has no " + name);
			return jar.getInputStream(e).readAllBytes();
		}
	}

	/** The plugin ids feature.xml includes (from the source, so a new bundle must reach the site). */
	private static List<String> featurePlugins() throws Exception {
		Document doc = parse(Build.root().resolve("eclipse/dev.mapl.eclipse.feature/feature.xml"));
		NodeList list = doc.getElementsByTagName("plugin");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < list.getLength(); i++) {
			ids.add(((Element) list.item(i)).getAttribute("id"));
		}
		return ids;
	}

	private static TreeSet<String> bundleUnits(Path contentXml) throws Exception {
		Document doc = parse(contentXml);
		TreeSet<String> ids = new TreeSet<>();
		NodeList list = doc.getElementsByTagName("unit");
		for (int i = 0; i < list.getLength(); i++) {
			Element unit = (Element) list.item(i);
			NodeList provided = unit.getElementsByTagName("provided");
			for (int p = 0; p < provided.getLength(); p++) {
				if ("osgi.bundle".equals(((Element) provided.item(p)).getAttribute("namespace"))) {
					ids.add(unit.getAttribute("id"));
				}
			}
		}
		return ids;
	}

	private static Map<String, String> installableUnits(Path contentXml) throws Exception {
		Document doc = parse(contentXml);
		Map<String, String> units = new TreeMap<>();
		NodeList list = doc.getElementsByTagName("unit");
		for (int i = 0; i < list.getLength(); i++) {
			Element unit = (Element) list.item(i);
			units.put(unit.getAttribute("id"), unit.getAttribute("version"));
		}
		return units;
	}

	private static Map<String, String> properties(Element unit) {
		Map<String, String> result = new TreeMap<>();
		NodeList list = unit.getElementsByTagName("property");
		for (int i = 0; i < list.getLength(); i++) {
			Element p = (Element) list.item(i);
			result.put(p.getAttribute("name"), p.getAttribute("value"));
		}
		return result;
	}

	private static Document parse(Path file) throws Exception {
		assertTrue(Files.isRegularFile(file), file + " is missing: build the site first");
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
	}
}
