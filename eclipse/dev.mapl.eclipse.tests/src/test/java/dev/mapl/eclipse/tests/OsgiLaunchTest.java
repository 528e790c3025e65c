package dev.mapl.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/** The site's bundles in a real Equinox framework, with stubs standing in for LSP4E and TM4E. */
class OsgiLaunchTest {

	@Test
	void everyMaplBundleResolvesAndStarts() throws Exception {
		try (Equinox equinox = new Equinox("launch", bsn -> true)) {
			assertFalse(equinox.mapl.isEmpty());
			for (Bundle bundle : equinox.mapl) {
				// start() on an unresolved bundle throws with the unresolved requirement in the message.
				bundle.start();
				assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName());
			}
			// The imports bind to the stand-ins, as they will to LSP4E 0.19 and TM4E 0.17.
			Bundle mapl = equinox.mapl("dev.mapl.eclipse");
			assertEquals("dev.mapl.eclipse.stub.lsp4e", exporter(mapl, "org.eclipse.lsp4e.server.ProcessStreamConnectionProvider"));
			assertEquals("dev.mapl.eclipse.stub.tm4e", exporter(mapl, "org.eclipse.tm4e.ui.text.TMPresentationReconciler"));
		}
	}

	/** The check above can fail: without TM4E the bundle does not resolve and says why. */
	@Test
	void aMissingImportFailsResolution() throws Exception {
		try (Equinox equinox = new Equinox("no-tm4e", bsn -> !bsn.equals("dev.mapl.eclipse.stub.tm4e"))) {
			Bundle mapl = equinox.mapl("dev.mapl.eclipse");
			assertEquals(Bundle.INSTALLED, mapl.getState());
			BundleException e = assertThrows(BundleException.class, mapl::start);
			assertTrue(e.getMessage().contains("org.eclipse.tm4e.ui.text"), e.getMessage());
		}
	}

	private static String exporter(Bundle bundle, String className) throws ClassNotFoundException {
		Class<?> type = bundle.loadClass(className);
		return org.osgi.framework.FrameworkUtil.getBundle(type).getSymbolicName();
	}
}
