package dev.mapl.dsl.ide.contentassist;

import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;

/** Up to 2,000 proposals (Xtext stops at 100): a policy may well name more facts than that. */
public class MaplProposalAcceptor extends IdeContentProposalAcceptor {

	static final int LIMIT = 2000;

	private boolean all = true;

	@Override
	public boolean canAcceptMoreProposals() {
		all = entries.size() < LIMIT;
		return all;
	}

	@Override
	public boolean didAcceptAllProposals() {
		return all;
	}
}
