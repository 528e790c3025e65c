package dev.mapl.dsl.ide;

import dev.mapl.dsl.ide.contentassist.MaplCrossrefProposalProvider;
import dev.mapl.dsl.ide.contentassist.MaplProposalAcceptor;
import dev.mapl.dsl.ide.contentassist.MaplProposalProvider;
import dev.mapl.dsl.ide.formatting.CanonicalFormattingService;
import dev.mapl.dsl.ide.resource.CheapUnloadResource;
import dev.mapl.dsl.ide.symbols.MaplDocumentSymbolService;
import dev.mapl.dsl.ide.validation.FastResourceValidator;
import org.eclipse.xtext.generator.IShouldGenerate;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.IdeCrossrefProposalProvider;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.IResourceValidator;

/** The editor's bindings: completion, canonical formatting, and validation without the analysis. */
public class MaplIdeModule extends AbstractMaplIdeModule {

	public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
		return MaplProposalProvider.class;
	}

	public Class<? extends IdeCrossrefProposalProvider> bindIdeCrossrefProposalProvider() {
		return MaplCrossrefProposalProvider.class;
	}

	public Class<? extends IdeContentProposalAcceptor> bindIdeContentProposalAcceptor() {
		return MaplProposalAcceptor.class;
	}

	/** Rebuilding a big file unloads its old resource; only what other files can refer to becomes a proxy. */
	public Class<? extends XtextResource> bindXtextResource() {
		return CheapUnloadResource.class;
	}

	/** Edits of an open file re-parse the rule around them; see {@link dev.mapl.dsl.ide.server.InPlaceBuilder}. */
	public Class<? extends org.eclipse.xtext.parser.antlr.IPartialParsingHelper> bindIPartialParsingHelper() {
		return dev.mapl.dsl.ide.resource.InPlaceParsingHelper.class;
	}

	/** Workspace symbols with short names, the outline's kinds, and package and file as container. */
	public Class<? extends DocumentSymbolService> bindDocumentSymbolService() {
		return MaplDocumentSymbolService.class;
	}

	public Class<? extends FormattingService> bindFormattingService() {
		return CanonicalFormattingService.class;
	}

	/** The build validates syntax, names and types; the analysis runs after it, in the background. */
	public Class<? extends IResourceValidator> bindIResourceValidator() {
		return FastResourceValidator.class;
	}

	/**
	 * The language server generates nothing. Xtext's default asks by validating the file a second
	 * time after each build (12 % of a build's CPU on a 2,000-rule file, after the diagnostics are
	 * out but before the analysis can start).
	 */
	public Class<? extends IShouldGenerate> bindIShouldGenerate() {
		return NeverGenerate.class;
	}

	/** See {@link MaplIdeModule#bindIShouldGenerate()}. */
	public static final class NeverGenerate implements IShouldGenerate {
		@Override
		public boolean shouldGenerate(org.eclipse.emf.ecore.resource.Resource resource, org.eclipse.xtext.util.CancelIndicator cancel) {
			return false;
		}
	}
}
