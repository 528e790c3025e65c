package dev.mapl.cli;

import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code FILE [--policy NAME]}: the one policy a command works on (table, explain, graph, export). */
final class PolicyOption {

	@Parameters(index = "0", paramLabel = "FILE", description = "the MAPL file that holds the policy")
	Path file;

	@Option(names = "--policy", paramLabel = "NAME", description = "the policy (optional when the file has only one)")
	String policyName;

	/** The model of FILE and the MAPL files beside it, or its errors printed and exit 1. */
	Model model(PrintWriter err) {
		return Workspace.modelOrFail(List.of(file), err);
	}

	/** The named policy, or the file's only one. */
	Policy policy(Model model) {
		return Workspace.policy(model, policyName, file);
	}
}
