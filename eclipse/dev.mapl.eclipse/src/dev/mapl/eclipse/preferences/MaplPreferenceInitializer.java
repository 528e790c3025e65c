package dev.mapl.eclipse.preferences;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;

/** Default values, so "Restore Defaults" on the preference page knows them. */
public final class MaplPreferenceInitializer extends AbstractPreferenceInitializer {

	@Override
	public void initializeDefaultPreferences() {
		DefaultScope.INSTANCE.getNode(MaplPreferences.NODE).put(MaplPreferences.JVM_ARGUMENTS,
				MaplPreferences.DEFAULT_JVM_ARGUMENTS);
	}
}
