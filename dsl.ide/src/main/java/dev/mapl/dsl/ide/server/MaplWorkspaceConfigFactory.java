package dev.mapl.dsl.ide.server;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.xtext.ide.server.MultiRootWorkspaceConfigFactory;
import org.eclipse.xtext.util.IFileSystemScanner;
import org.eclipse.xtext.workspace.FileProjectConfig;
import org.eclipse.xtext.workspace.FileSourceFolder;
import org.eclipse.xtext.workspace.WorkspaceConfig;

/**
 * Workspace folders as Xtext projects. A file opened without a workspace gets a project of its own
 * folder holding only the {@code .mapl} files directly in it: the files the CLI reads with it.
 */
public class MaplWorkspaceConfigFactory extends MultiRootWorkspaceConfigFactory {

	/** The name that marks a folder added for a single open file. */
	static final String SINGLE_FOLDER = "mapl-folder-of-open-file";

	@Override
	protected void addProjectsForWorkspaceFolder(WorkspaceConfig workspaceConfig, WorkspaceFolder folder,
			Set<String> existingNames) {
		if (folder == null || folder.getUri() == null || !SINGLE_FOLDER.equals(folder.getName())) {
			super.addProjectsForWorkspaceFolder(workspaceConfig, folder, existingNames);
			return;
		}
		URI root = getUriExtensions().toUri(folder.getUri());
		FileProjectConfig project = new FileProjectConfig(root, getUniqueProjectName(root.lastSegment() == null
				|| root.lastSegment().isEmpty() ? SINGLE_FOLDER : SINGLE_FOLDER + "-" + root.toString(), existingNames)) {
			private final Set<FileSourceFolder> folders = Set.of(new FlatFolder(this));

			@Override
			public Set<FileSourceFolder> getSourceFolders() {
				return folders;
			}

			@Override
			public FileSourceFolder findSourceFolderContaining(URI member) {
				return folders.iterator().next().contains(member) ? folders.iterator().next() : null;
			}
		};
		workspaceConfig.addProject(project);
	}

	/** The project's folder itself, without its subfolders. */
	private static final class FlatFolder extends FileSourceFolder {
		private final URI root;

		FlatFolder(FileProjectConfig parent) {
			super(parent, ".");
			URI p = parent.getPath();
			this.root = p.hasTrailingPathSeparator() ? p : p.appendSegment("");
		}

		@Override
		public URI getPath() {
			return root;
		}

		@Override
		public boolean contains(URI uri) {
			return uri.trimSegments(1).appendSegment("").equals(getPath());
		}

		@Override
		public List<URI> getAllResources(IFileSystemScanner scanner) {
			List<URI> out = new ArrayList<>();
			File[] files = new File(getPath().toFileString()).listFiles((d, n) -> n.endsWith(".mapl"));
			if (files != null) {
				for (File f : files) {
					if (f.isFile()) {
						out.add(getPath().trimSegments(1).appendSegment(f.getName()));
					}
				}
			}
			out.sort(java.util.Comparator.comparing(URI::toString));
			return out;
		}
	}
}
