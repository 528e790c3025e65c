package dev.mapl.dsl.linking;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.linking.impl.IllegalNodeException;
import org.eclipse.xtext.linking.impl.XtextLinkingDiagnostic;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.util.Triple;

/**
 * Xtext's lazy-linking resource, minus one cost: after every reference it resolves, Xtext removes
 * the "unknown name" diagnostic the reference may have had, and to find it builds that diagnostic's
 * message again (for MAPL, with a did-you-mean search over the names in scope) whenever the file
 * has any error or warning at all. In a file with syntax errors that made linking n references
 * cost n searches of the scope (issue 20.10), and in a file with one unknown name it still did (the
 * language server's "unknown name" edits). Here the removal runs only once the file has a linking
 * diagnostic, and finds it by the reference's node instead of by an equal message.
 */
public class MaplLinkingResource extends LazyLinkingResource {

	/** A linking diagnostic may be in the error or warning list (until they are cleared). */
	private boolean linkingDiagnostics;

	@Override
	protected void createAndAddDiagnostic(Triple<EObject, EReference, INode> triple) {
		linkingDiagnostics = true;
		super.createAndAddDiagnostic(triple);
	}

	@Override
	protected void createAndAddDiagnostic(Triple<EObject, EReference, INode> triple, IllegalNodeException ex) {
		linkingDiagnostics = true;
		super.createAndAddDiagnostic(triple, ex);
	}

	@Override
	protected void removeDiagnostic(Triple<EObject, EReference, INode> triple) {
		if (linkingDiagnostics) {
			INode node = triple.getThird();
			getErrors().removeIf(d -> d instanceof NodeDiagnostic n && n.node() == node);
			getWarnings().removeIf(d -> d instanceof NodeDiagnostic n && n.node() == node);
		}
	}

	@Override
	protected Diagnostic createDiagnostic(Triple<EObject, EReference, INode> triple, DiagnosticMessage message) {
		return new NodeDiagnostic(triple.getThird(), message.getMessage(), message.getIssueCode(), message.getIssueData());
	}

	/** Xtext's linking diagnostic with its node in reach, so that removing it needs no message. */
	static final class NodeDiagnostic extends XtextLinkingDiagnostic {
		NodeDiagnostic(INode node, String message, String code, String... data) {
			super(node, message, code, data);
		}

		INode node() {
			return getNode();
		}
	}

	@Override
	protected void clearErrorsAndWarnings() {
		super.clearErrorsAndWarnings();
		linkingDiagnostics = false;
	}
}
