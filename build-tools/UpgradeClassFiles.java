import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the class files older than Java 6 (major version below 50) in a jar as Java 6 class
 * files with stack map frames, in place. Why (docs/PERFORMANCE.md, "Start-up time of the command
 * line"): the JVM's class-data archives (JDK 17 dynamic CDS, Java 25's AOT cache) skip such class
 * files ("Pre JDK 6 class not supported by CDS") and every class derived from them; EMF, picocli,
 * log4j 1.2 and ANTLR 3 ship them. Version 50 is the oldest the archives take, and the JVM still
 * falls back to the old verifier for it if a computed frame were ever rejected.
 *
 * <p>Frames are computed by ASM; the common superclass of two types is resolved against the jar's
 * own classes, then the running JDK's, never by loading a class. A class ASM cannot rewrite (JSR
 * subroutines, a type found nowhere) stays as it was and is named on the output. The jar is
 * rewritten in its entry order, with each entry's time, extra field and comment, so the same jar
 * in gives the same bytes out; run by cli/pom.xml after the shade plugin:
 *
 * <pre>java -cp asm.jar cli/src/build/java/UpgradeClassFiles.java cli/target/mapl.jar</pre>
 */
public final class UpgradeClassFiles {

	private static final int JAVA_6 = 50;

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("usage: UpgradeClassFiles JAR");
			System.exit(2);
		}
		Path jar = Path.of(args[0]);
		Map<String, byte[]> entries = new LinkedHashMap<>();
		Map<String, ZipEntry> meta = new HashMap<>();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
				ZipEntry entry = e.nextElement();
				try (InputStream in = zip.getInputStream(entry)) {
					entries.put(entry.getName(), in.readAllBytes());
				}
				meta.put(entry.getName(), entry);
			}
		}
		Hierarchy hierarchy = new Hierarchy(entries);
		int upgraded = 0;
		Map<String, String> kept = new TreeMap<>();
		for (Map.Entry<String, byte[]> e : entries.entrySet()) {
			String name = e.getKey();
			if (!name.endsWith(".class") || name.startsWith("META-INF/") || major(e.getValue()) >= JAVA_6) {
				continue;
			}
			try {
				e.setValue(upgrade(e.getValue(), hierarchy));
				upgraded++;
			} catch (RuntimeException ex) {
				kept.put(name, String.valueOf(ex.getMessage()));
			}
		}
		Path tmp = jar.resolveSibling(jar.getFileName() + ".upgrade.tmp");
		try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(file)) {
			for (Map.Entry<String, byte[]> e : entries.entrySet()) {
				write(out, meta.get(e.getKey()), e.getValue());
			}
		}
		Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		System.out.println("UpgradeClassFiles: " + upgraded + " class files of " + jar.getFileName()
				+ " now Java 6 class files with stack map frames; " + kept.size() + " left as they were"
				+ (kept.isEmpty() ? "" : " " + kept));
	}

	static int major(byte[] classFile) {
		return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
	}

	static byte[] upgrade(byte[] classFile, Hierarchy hierarchy) {
		ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
			@Override
			protected String getCommonSuperClass(String type1, String type2) {
				return hierarchy.commonSuperClass(type1, type2);
			}
		};
		new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
			@Override
			public void visit(int version, int access, String name, String signature, String superName,
					String[] interfaces) {
				super.visit(Opcodes.V1_6, access, name, signature, superName, interfaces);
			}
		}, 0);
		return writer.toByteArray();
	}

	private static void write(ZipOutputStream out, ZipEntry old, byte[] data) throws IOException {
		ZipEntry entry = new ZipEntry(old.getName());
		entry.setTime(old.getTime());
		entry.setExtra(old.getExtra());
		entry.setComment(old.getComment());
		entry.setMethod(old.getMethod());
		if (old.getMethod() == ZipEntry.STORED) {
			CRC32 crc = new CRC32();
			crc.update(data);
			entry.setSize(data.length);
			entry.setCompressedSize(data.length);
			entry.setCrc(crc.getValue());
		}
		out.putNextEntry(entry);
		out.write(data);
		out.closeEntry();
	}

	/** Superclass and interfaces of a type, from the jar's class files or else the JDK's. */
	static final class Hierarchy {
		private final Map<String, byte[]> jar;
		private final Map<String, Info> infos = new HashMap<>();

		Hierarchy(Map<String, byte[]> entries) {
			this.jar = entries;
		}

		record Info(boolean isInterface, String superName, List<String> interfaces) {
		}

		Info info(String type) {
			return infos.computeIfAbsent(type, t -> {
				byte[] bytes = jar.get(t + ".class");
				if (bytes == null) {
					bytes = jdkClassFile(t);
				}
				if (bytes == null) {
					throw new TypeNotPresentException(t.replace('/', '.'), null);
				}
				ClassReader r = new ClassReader(bytes);
				return new Info((r.getAccess() & Opcodes.ACC_INTERFACE) != 0, r.getSuperName(),
						List.of(r.getInterfaces()));
			});
		}

		private static byte[] jdkClassFile(String type) {
			try (InputStream in = ClassLoader.getSystemResourceAsStream(type + ".class")) {
				if (in == null) {
					return null;
				}
				ByteArrayOutputStream b = new ByteArrayOutputStream();
				in.transferTo(b);
				return b.toByteArray();
			} catch (IOException e) {
				return null;
			}
		}

		/** The type and its superclasses, nearest first. */
		List<String> superclasses(String type) {
			List<String> chain = new ArrayList<>();
			for (String t = type; t != null; t = info(t).superName()) {
				chain.add(t);
			}
			return chain;
		}

		Set<String> allInterfaces(String type) {
			Set<String> all = new HashSet<>();
			List<String> todo = new ArrayList<>(List.of(type));
			while (!todo.isEmpty()) {
				Info i = info(todo.remove(todo.size() - 1));
				if (i.superName() != null) {
					todo.add(i.superName());
				}
				for (String s : i.interfaces()) {
					if (all.add(s)) {
						todo.add(s);
					}
				}
			}
			return all;
		}

		boolean isAssignableFrom(String to, String from) {
			if (to.equals(from)) {
				return true;
			}
			return info(to).isInterface() ? allInterfaces(from).contains(to) : superclasses(from).contains(to);
		}

		/** ASM's ClassWriter.getCommonSuperClass, without loading classes. */
		String commonSuperClass(String type1, String type2) {
			if (isAssignableFrom(type1, type2)) {
				return type1;
			}
			if (isAssignableFrom(type2, type1)) {
				return type2;
			}
			if (info(type1).isInterface() || info(type2).isInterface()) {
				return "java/lang/Object";
			}
			List<String> chain2 = superclasses(type2);
			for (String s : superclasses(type1)) {
				if (chain2.contains(s)) {
					return s;
				}
			}
			return "java/lang/Object";
		}
	}
}
