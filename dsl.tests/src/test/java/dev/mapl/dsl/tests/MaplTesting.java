package dev.mapl.dsl.tests;

import com.google.inject.Inject;
import com.google.inject.Provider;
import dev.mapl.dsl.lowering.Lowering;
import dev.mapl.dsl.mapl.Model;
import dev.mapl.dsl.validation.Help;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

/** Text in, model or issues out: the helpers every language test uses. */
public class MaplTesting {

	@Inject
	private ParseHelper<Model> parser;

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	@Inject
	private IResourceValidator validator;

	@Inject
	private Provider<Lowering> lowering;

	/** Parses several files into one resource set, named a.mapl, b.mapl, ... */
	public List<Resource> parse(String... files) {
		XtextResourceSet rs = resourceSets.get();
		List<Resource> out = new ArrayList<>();
		char name = 'a';
		try {
			for (String text : files) {
				Model m = parser.parse(text, URI.createURI("file:/test/" + name++ + ".mapl"), rs);
				out.add(m.eResource());
			}
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
		return out;
	}

	/** The front end's issues (syntax, names, types); the policy analysis is tested on its own. */
	public List<Issue> issues(Resource r) {
		return validator.validate(r, CheckMode.NORMAL_AND_FAST, CancelIndicator.NullImpl);
	}

	/** Everything the editor shows, the policy analysis included. */
	public List<Issue> allIssues(Resource r) {
		return validator.validate(r, CheckMode.ALL, CancelIndicator.NullImpl);
	}

	/** All issues of the first file, each as `line:col severity code: message | help`. */
	public List<String> describe(String... files) {
		List<Resource> rs = parse(files);
		return issues(rs.get(0)).stream()
				.map(i -> i.getLineNumber() + ":" + i.getColumn() + " " + i.getSeverity().name().toLowerCase() + " "
						+ i.getCode() + ": " + i.getMessage() + (Help.of(i).isEmpty() ? "" : " | " + Help.of(i)))
				.sorted().toList();
	}

	public dev.mapl.ir.Model lower(String... files) {
		List<Resource> rs = parse(files);
		for (Resource r : rs) {
			List<Issue> errors = issues(r).stream().filter(i -> i.getSeverity() == org.eclipse.xtext.diagnostics.Severity.ERROR).toList();
			if (!errors.isEmpty()) {
				throw new AssertionError("unexpected errors: " + errors);
			}
		}
		return lowering.get().lower(rs, r -> r.getURI().lastSegment());
	}
}
