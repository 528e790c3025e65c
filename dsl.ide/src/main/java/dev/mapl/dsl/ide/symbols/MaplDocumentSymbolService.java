package dev.mapl.dsl.ide.symbols;

import dev.mapl.dsl.mapl.MaplPackage;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.xtext.findReferences.IReferenceFinder;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.xbase.lib.Procedures.Procedure1;

/**
 * Workspace symbols as the outline shows them ({@link MaplSymbols}): the short name, a kind that
 * says what the thing is, and as container the package (with the fact group) and the file.
 */
public class MaplDocumentSymbolService extends DocumentSymbolService {

	@Override
	protected String getSymbolName(QualifiedName name) {
		return name == null || name.isEmpty() ? null : name.getLastSegment();
	}

	@Override
	protected SymbolKind getSymbolKind(EClass type) {
		return kind(type);
	}

	/** The outline's kind for a declaration's class; null for what is no symbol of its own. */
	public static SymbolKind kind(EClass type) {
		MaplPackage p = MaplPackage.eINSTANCE;
		if (p.getEnumFact().isSuperTypeOf(type)) {
			return SymbolKind.Enum;
		} else if (p.getFact().isSuperTypeOf(type)) {
			return SymbolKind.Boolean;
		} else if (p.getEnumValue().isSuperTypeOf(type) || p.getOutcome().isSuperTypeOf(type)) {
			return SymbolKind.EnumMember;
		} else if (p.getAttribute().isSuperTypeOf(type)) {
			return SymbolKind.Property;
		} else if (p.getLet().isSuperTypeOf(type)) {
			return SymbolKind.Constant;
		} else if (p.getPolicy().isSuperTypeOf(type)) {
			return SymbolKind.Class;
		} else if (p.getFactGroup().isSuperTypeOf(type)) {
			return SymbolKind.Namespace;
		} else if (p.getRule().isSuperTypeOf(type)) {
			return SymbolKind.Function;
		} else if (p.getInvariant().isSuperTypeOf(type)) {
			return SymbolKind.Boolean;
		} else if (p.getPolicyTest().isSuperTypeOf(type)) {
			return SymbolKind.Event;
		} else if (p.getCBindings().isSuperTypeOf(type)) {
			return SymbolKind.Module;
		} else if (p.getCTarget().isSuperTypeOf(type)) {
			return SymbolKind.Interface;
		}
		return null;
	}

	@Override
	protected void createSymbol(IEObjectDescription description, IReferenceFinder.IResourceAccess resourceAccess,
			Procedure1<? super WorkspaceSymbol> acceptor) {
		QualifiedName name = description.getQualifiedName();
		String file = description.getEObjectURI().trimFragment().lastSegment();
		String container = name.getSegmentCount() > 1 ? name.skipLast(1) + " · " + file : file;
		super.createSymbol(description, resourceAccess, symbol -> {
			symbol.setContainerName(container);
			acceptor.apply(symbol);
		});
	}
}
