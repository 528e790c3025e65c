package dev.mapl.dsl.ide.server;

import com.google.inject.Singleton;
import dev.mapl.dsl.mapl.Fact;
import dev.mapl.dsl.mapl.FactGroup;
import dev.mapl.dsl.mapl.Model;
import dev.mapl.dsl.validation.IssueCodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceFoldersChangeEvent;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.xbase.lib.Procedures.Procedure2;

/**
 * Xtext's workspace with three changes: the workspace is built after {@code initialize} has
 * answered (the server calls {@link #buildWorkspace}); the issues of one build are published
 * together when it ends, with "fact is never used" checked against the finished index (during
 * the build it depends on the order files are indexed in: a warning is dropped, or the file is
 * validated again when one is missing); and a file opened outside every
 * workspace folder brings in its own folder, as the CLI reads the files beside the one it is given.
 */
@Singleton
public class MaplWorkspaceManager extends WorkspaceManager {

	private List<WorkspaceFolder> deferredFolders;

	private Procedure2<? super URI, ? super Iterable<Issue>> publisher = (u, i) -> {
	};

	private final Map<URI, List<Issue>> thisBuild = new LinkedHashMap<>();

	private final Map<URI, List<Issue>> fastIssues = new ConcurrentHashMap<>();

	private volatile BiConsumer<Set<URI>, Boolean> buildFinished = (u, i) -> {
	};

	private volatile boolean built;

	@Override
	public void initialize(List<WorkspaceFolder> workspaceFolders,
			Procedure2<? super URI, ? super Iterable<Issue>> issueAcceptor, CancelIndicator cancelIndicator) {
		this.deferredFolders = new ArrayList<>(workspaceFolders);
		this.publisher = issueAcceptor;
	}

	/** Builds the workspace that {@code initialize} named; called once, in a write request. */
	public void buildWorkspace() {
		super.initialize(deferredFolders, this::collect, CancelIndicator.NullImpl);
		built = true;
	}

	public boolean isBuilt() {
		return built;
	}

	/** Called with the files each build validated, after it has published their issues. */
	public void onBuildFinished(BiConsumer<Set<URI>, Boolean> listener) {
		this.buildFinished = listener;
	}

	/** The issues the last build found in the file (syntax, names, types), without the analysis. */
	public List<Issue> fastIssues(URI uri) {
		return fastIssues.getOrDefault(uri, List.of());
	}

	/** Publishes the issues of one file. */
	public void publish(URI uri, List<Issue> issues) {
		publisher.apply(uri, issues);
	}

	/** The open document, or null. */
	public Document openDocument(URI uri) {
		return getOpenDocuments().get(uri);
	}

	public Set<URI> openDocuments() {
		return new HashSet<>(getOpenDocuments().keySet());
	}

	public List<WorkspaceFolder> folders() {
		return getWorkspaceFolders();
	}

	/** Adds the folder of a file no project contains, as a project of the files directly in it. */
	public void addFolderOf(URI file) {
		// Xtext puts every file no folder contains into an "unknown" project that sees nothing else
		var project = getWorkspaceConfig().findProjectContaining(file);
		if (project != null && project.findSourceFolderContaining(file) != null) {
			return;
		}
		// an unsaved buffer (untitled:) has no folder: it gets a project of its own scheme
		WorkspaceFolder added = file.isFile()
				? new WorkspaceFolder(file.trimSegments(1).appendSegment("").toString(), MaplWorkspaceConfigFactory.SINGLE_FOLDER)
				: new WorkspaceFolder(file.scheme() + ":/", file.scheme());
		var params = new DidChangeWorkspaceFoldersParams(new WorkspaceFoldersChangeEvent(List.of(added), List.of()));
		didChangeWorkspaceFolders(params, CancelIndicator.NullImpl);
	}

	private void collect(URI uri, Iterable<Issue> issues) {
		List<Issue> list = new ArrayList<>();
		issues.forEach(list::add);
		thisBuild.put(uri, list);
	}

	@Override
	protected void afterBuild(List<IResourceDescription.Delta> deltas) {
		super.afterBuild(deltas);
		if (thisBuild.isEmpty()) {
			return;
		}
		Set<URI> referenced = null;
		Map<URI, List<Issue>> done = new LinkedHashMap<>(thisBuild);
		thisBuild.clear();
		for (Map.Entry<URI, List<Issue>> e : done.entrySet()) {
			List<Issue> issues = e.getValue();
			// A build of several files can also miss a warning: a file that refers to this one was still
			// in the index with its old references when this one was validated, and those name facts by
			// position (`facts.2`), so a fact renamed into another's place looked used. Only a build of
			// several files changes other files' references; then such a file is validated again.
			XtextResource resource = done.size() > 1 ? builtResource(e.getKey()) : null;
			if (resource != null && declaresFacts(resource)) {
				if (referenced == null) {
					referenced = referencedObjects();
				}
				if (missesUnusedWarning(resource, issues, referenced)) {
					issues = resource.getResourceServiceProvider().getResourceValidator()
							.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
				}
			}
			if (issues.stream().anyMatch(i -> IssueCodes.UNUSED_FACT.equals(i.getCode()))) {
				if (referenced == null) {
					referenced = referencedObjects();
				}
				Set<URI> used = referenced;
				issues = issues.stream().filter(i -> !IssueCodes.UNUSED_FACT.equals(i.getCode())
						|| i.getUriToProblem() == null || !used.contains(i.getUriToProblem())).toList();
			}
			fastIssues.put(e.getKey(), issues);
			publisher.apply(e.getKey(), issues);
		}
		buildFinished.accept(done.keySet(), Boolean.TRUE);
	}

	/** The file's resource in its project, as the build left it; null if it is not loaded there. */
	private XtextResource builtResource(URI uri) {
		var project = getProjectManager(uri);
		return project != null && project.getResourceSet().getResource(uri, false) instanceof XtextResource x ? x : null;
	}

	private static boolean declaresFacts(XtextResource resource) {
		return !resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Model model
				&& model.getElements().stream().anyMatch(FactGroup.class::isInstance);
	}

	/**
	 * Whether a fact of the file that neither the finished index nor the file itself refers to has no
	 * "never used" warning among {@code issues}.
	 */
	private static boolean missesUnusedWarning(XtextResource resource, List<Issue> issues, Set<URI> referenced) {
		Set<URI> warned = new HashSet<>();
		issues.stream().filter(i -> IssueCodes.UNUSED_FACT.equals(i.getCode()) && i.getUriToProblem() != null)
				.forEach(i -> warned.add(i.getUriToProblem()));
		List<Fact> suspects = new ArrayList<>();
		for (var element : ((Model) resource.getContents().get(0)).getElements()) {
			if (element instanceof FactGroup group) {
				for (Fact fact : group.getFacts()) {
					URI uri = EcoreUtil.getURI(fact);
					if (!warned.contains(uri) && !referenced.contains(uri)) {
						suspects.add(fact);
					}
				}
			}
		}
		if (suspects.isEmpty()) {
			return false;
		}
		Set<EObject> local = new HashSet<>(); // the index records only references between files
		resource.getAllContents().forEachRemaining(o -> local.addAll(o.eCrossReferences()));
		return !local.containsAll(suspects);
	}

	/** Every object some file of the finished index refers to. */
	private Set<URI> referencedObjects() {
		Set<URI> out = new HashSet<>();
		for (IResourceDescription rd : getIndex().getAllResourceDescriptions()) {
			for (IReferenceDescription ref : rd.getReferenceDescriptions()) {
				out.add(ref.getTargetEObjectUri());
			}
		}
		return out;
	}
}
