package dev.mapl.dsl.ide.server;

import com.google.inject.Inject;
import dev.mapl.dsl.ide.resource.CheapUnloadResource;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.build.IncrementalBuilder;
import org.eclipse.xtext.ide.server.Document;

/**
 * Xtext's incremental build, except that an edited open file is not unloaded and loaded anew: its
 * resource takes the editor's new text in place ({@link CheapUnloadResource#updateInPlace}, a
 * partial re-parse of the rule around the edit), and is then indexed, linked and validated as a
 * loaded one would be. Where that is not exact (syntax errors before or after, an edit spanning
 * rules, input limits in reach) the file is unloaded and loaded as before.
 */
public class InPlaceBuilder extends IncrementalBuilder.InternalStatefulIncrementalBuilder {

	@Inject
	private MaplWorkspaceManager workspace;

	@Override
	protected void unloadResource(URI uri) {
		Resource resource = getRequest().getResourceSet().getResource(uri, false);
		Document open = workspace.openDocument(uri);
		if (resource instanceof CheapUnloadResource editable && open != null && getRequest().getDirtyFiles().contains(uri)
				&& !getRequest().getDeletedFiles().contains(uri) && editable.updateInPlace(open.getContents())) {
			return;
		}
		super.unloadResource(uri);
	}
}
