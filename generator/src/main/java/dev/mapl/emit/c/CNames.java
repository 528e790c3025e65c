package dev.mapl.emit.c;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** C identifiers for MAPL names, in the kernel's lower_snake style. */
final class CNames {

	private CNames() {
	}

	static final Set<String> KEYWORDS = Set.of("auto", "break", "case", "char", "const", "continue", "default",
			"do", "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
			"register", "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef",
			"union", "unsigned", "void", "volatile", "while", "bool", "true", "false", "u8", "u16", "u32", "u64",
			"s8", "s16", "s32", "s64", "_Bool", "asm", "typeof", "fallthrough");

	/**
	 * {@code VM_PFNMAP} -> {@code vm_pfnmap}, {@code guest.mte} -> {@code guest_mte},
	 * {@code cacheDic} -> {@code cache_dic}.
	 */
	static String snake(String name) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isUpperCase(c) && i > 0
					&& (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1)))) {
				sb.append('_');
			}
			sb.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toLowerCase(c) : '_');
		}
		String s = sb.toString().replaceAll("_+", "_").replaceAll("^_|_$", "");
		if (s.isEmpty()) {
			s = "fact";
		}
		if (Character.isDigit(s.charAt(0))) {
			s = "f_" + s;
		}
		return s.toLowerCase(Locale.ROOT);
	}

	/**
	 * Unique parameter names for facts, in the given order: clashes with keywords, with
	 * {@code reserved} names or with each other get a suffix.
	 */
	static Map<Integer, String> parameters(List<Integer> facts, List<String> factNames, Set<String> reserved) {
		Map<Integer, String> out = new LinkedHashMap<>();
		Set<String> used = new HashSet<>(reserved);
		for (int i = 0; i < facts.size(); i++) {
			String base = snake(factNames.get(i));
			String name = base;
			if (KEYWORDS.contains(name) || used.contains(name)) {
				name = base + "_fact";
			}
			for (int n = 2; KEYWORDS.contains(name) || used.contains(name); n++) {
				name = base + "_" + n;
			}
			used.add(name);
			out.put(facts.get(i), name);
		}
		return out;
	}

	/** {@code arch/arm64/kvm/stage2_memtype.h} -> {@code __ARCH_ARM64_KVM_STAGE2_MEMTYPE_H__}. */
	static String includeGuard(String path) {
		return "__" + path.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") + "__";
	}

	/** Whether a string is a C identifier. */
	static boolean isIdentifier(String s) {
		return s.matches("[A-Za-z_][A-Za-z0-9_]*");
	}
}
