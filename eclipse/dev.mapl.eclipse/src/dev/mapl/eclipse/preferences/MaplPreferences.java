package dev.mapl.eclipse.preferences;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;

/** The plugin's preferences (instance scope, node {@value #NODE}). */
public final class MaplPreferences {

	public static final String NODE = "dev.mapl.eclipse";
	/** Extra arguments for the language server's JVM, e.g. {@code -Xmx2g}. */
	public static final String JVM_ARGUMENTS = "jvmArguments";
	public static final String DEFAULT_JVM_ARGUMENTS = "-Xmx1g";

	private MaplPreferences() {
	}

	public static String jvmArguments() {
		IEclipsePreferences node = InstanceScope.INSTANCE.getNode(NODE);
		return node.get(JVM_ARGUMENTS, DEFAULT_JVM_ARGUMENTS);
	}
}
