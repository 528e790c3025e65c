package dev.mapl.eclipse.preferences;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** Window > Preferences > MAPL: the language server's JVM arguments. */
public final class MaplPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

	public MaplPreferencePage() {
		super(GRID);
		setDescription("The MAPL language server runs with the Java that runs Eclipse ("
				+ System.getProperty("java.home") + ").\nChanges apply when the server next starts.");
	}

	@Override
	public void init(IWorkbench workbench) {
		setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, MaplPreferences.NODE));
	}

	@Override
	protected void createFieldEditors() {
		addField(new StringFieldEditor(MaplPreferences.JVM_ARGUMENTS, "JVM arguments:", getFieldEditorParent()));
	}
}
