package dev.mapl.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every file MAPL writes goes through here, so that a file is either untouched, or whole with the
 * new content; never half-written, never needlessly rewritten, and still the same file for the user.
 *
 * <ul>
 * <li>A file that already holds exactly the content is not touched (its modification time stays,
 * so {@code make} rebuilds nothing).</li>
 * <li>Otherwise the content goes to a temporary file in the target's folder, which is renamed over
 * the target: a reader sees the old or the new file, never a mix, even if the process dies.</li>
 * <li>A rewritten file keeps its permissions (and, where the process may, owner and group); a new
 * file gets the mode the umask gives (0644 under umask 022), as a file made by {@code touch}.</li>
 * <li>A symbolic link is written through: the file it points to changes, the link stays.</li>
 * <li>A file with several hard links is rewritten in place (truncate and write the prepared bytes),
 * so every link sees the new content. The trade-off: that write is not atomic; a crash in the
 * middle of it leaves a short file. Renaming would be atomic but would silently split the links.</li>
 * </ul>
 *
 * {@link #resolveInside} guards output folders: a generated file's name that comes from the input
 * (a {@code target c} {@code file}) must stay below the folder the user gave.
 */
public final class OutputFiles {

	private static final int MAX_LINK_HOPS = 40;

	private OutputFiles() {
	}

	/** {@link #write(Path, byte[])} for text, in UTF-8. */
	public static boolean write(Path file, String content) throws IOException {
		return write(file, content.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Writes {@code content} to {@code file} (creating missing folders).
	 *
	 * @return false when the file already held exactly that content (nothing was touched), true when
	 *         it was written
	 * @throws IOException with a message that names the file, when it cannot be written
	 */
	public static boolean write(Path file, byte[] content) throws IOException {
		Path target = throughLinks(file.toAbsolutePath());
		if (Files.isDirectory(target)) {
			throw new IOException("cannot write `" + file + "`: it is a folder");
		}
		boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
		if (exists && Files.isRegularFile(target) && Files.size(target) == content.length
				&& Arrays.equals(Files.readAllBytes(target), content)) {
			return false;
		}
		try {
			Path dir = target.getParent();
			Files.createDirectories(dir);
			if (exists && linkCount(target) > 1) {
				writeInPlace(target, content);
			} else {
				replace(target, content, exists ? posix(target) : Optional.empty());
			}
		} catch (IOException e) {
			throw new IOException("cannot write `" + file + "`: " + reason(e), e);
		}
		return true;
	}

	/** A temporary file beside the target, renamed over it. */
	private static void replace(Path target, byte[] content, Optional<PosixFileAttributes> old) throws IOException {
		Path tmp = createTemp(target);
		try {
			try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
				writeAll(ch, content);
				ch.force(true);
			}
			if (old.isPresent()) {
				keepAttributes(tmp, old.get());
			}
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} finally {
			Files.deleteIfExists(tmp);
		}
	}

	/**
	 * Created without explicit permissions, so the operating system applies the umask to 0666 as for
	 * any new file ({@code Files.createTempFile} would force 0600).
	 */
	private static Path createTemp(Path target) throws IOException {
		for (int attempt = 0;; attempt++) {
			Path tmp = target.resolveSibling("." + target.getFileName() + "."
					+ Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
			try {
				Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
				return tmp;
			} catch (FileAlreadyExistsException e) {
				if (attempt > 100) {
					throw e;
				}
			}
		}
	}

	private static void writeInPlace(Path target, byte[] content) throws IOException {
		try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
			writeAll(ch, content);
			ch.force(true);
		}
	}

	private static void writeAll(FileChannel ch, byte[] content) throws IOException {
		ByteBuffer buf = ByteBuffer.wrap(content);
		while (buf.hasRemaining()) {
			ch.write(buf);
		}
	}

	private static Optional<PosixFileAttributes> posix(Path file) throws IOException {
		PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
		return view == null ? Optional.empty() : Optional.of(view.readAttributes());
	}

	private static void keepAttributes(Path tmp, PosixFileAttributes old) throws IOException {
		PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
		PosixFileAttributes now = view.readAttributes();
		// Owner and group first: changing them may clear set-id bits, which the mode then restores.
		if (!now.owner().equals(old.owner()) || !now.group().equals(old.group())) {
			try {
				view.setOwner(old.owner());
				view.setGroup(old.group());
			} catch (IOException e) {
				// Only a privileged process may give a file away; an ordinary user's file is theirs anyway.
			}
		}
		view.setPermissions(old.permissions());
	}

	private static int linkCount(Path file) {
		try {
			return (Integer) Files.getAttribute(file, "unix:nlink");
		} catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
			return 1;
		}
	}

	/** The file a chain of symbolic links ends at (which need not exist yet). */
	static Path throughLinks(Path file) throws IOException {
		Path p = file;
		for (int hops = 0; Files.isSymbolicLink(p); hops++) {
			if (hops == MAX_LINK_HOPS) {
				throw new IOException("cannot write `" + file + "`: too many levels of symbolic links");
			}
			p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
		}
		return p;
	}

	private static String reason(IOException e) {
		String m = e.getMessage();
		if (e instanceof java.nio.file.AccessDeniedException) {
			return "permission denied";
		}
		if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
			return f.getReason();
		}
		return m == null ? e.getClass().getSimpleName() : m;
	}

	// ---- output folders

	/** Why a generated file's name is refused: the message for the diagnostic, in lowercase. */
	public static final class UnsafePathException extends IOException {
		private static final long serialVersionUID = 1L;

		public UnsafePathException(String message) {
			super(message);
		}
	}

	/**
	 * Why {@code relative} is not a plain relative file path ({@code dir/name.h}), or empty when it
	 * is: no absolute path, no {@code .} or {@code ..} or empty segment, no trailing slash, no
	 * backslash, no control character.
	 */
	public static Optional<String> relativePathProblem(String relative) {
		if (relative == null || relative.isEmpty()) {
			return Optional.of("the file name is empty");
		}
		for (int i = 0; i < relative.length(); i++) {
			char c = relative.charAt(i);
			if (Character.isISOControl(c)) {
				return Optional.of(String.format("the file name `%s` contains the control character U+%04X",
						printable(relative), (int) c));
			}
		}
		if (relative.indexOf('\\') >= 0) {
			return Optional.of("the file name `" + relative + "` contains a backslash; separate folders with `/`");
		}
		if (relative.startsWith("/") || relative.matches("[A-Za-z]:.*")) {
			return Optional.of("the file name `" + relative + "` is absolute; give it relative to the output folder");
		}
		if (relative.endsWith("/")) {
			return Optional.of("the file name `" + relative + "` ends with `/`, it names a folder");
		}
		for (String segment : relative.split("/", -1)) {
			if (segment.equals("..")) {
				return Optional.of("the file name `" + relative + "` climbs out of the output folder with `..`");
			}
			if (segment.equals(".") || segment.isEmpty()) {
				return Optional.of("the file name `" + relative + "` is not a plain relative path (no `.` or empty "
						+ "folder names)");
			}
		}
		return Optional.empty();
	}

	/**
	 * {@code outDir/relative}, after checking that {@code relative} is a plain relative path and that
	 * no symbolic link among the existing folders on the way (nor the file itself) leads out of
	 * {@code outDir}. Links that stay inside are fine.
	 *
	 * @throws UnsafePathException with a message for the user
	 */
	public static Path resolveInside(Path outDir, String relative) throws UnsafePathException {
		Optional<String> problem = relativePathProblem(relative);
		if (problem.isPresent()) {
			throw new UnsafePathException(problem.get());
		}
		Path root;
		try {
			root = Files.exists(outDir) ? outDir.toRealPath() : outDir.toAbsolutePath().normalize();
		} catch (IOException e) {
			throw new UnsafePathException("cannot read the output folder `" + outDir + "`: " + reason(e));
		}
		Path p = root;
		String walked = "";
		for (String segment : relative.split("/")) {
			p = p.resolve(segment);
			walked = walked.isEmpty() ? segment : walked + "/" + segment;
			if (Files.isSymbolicLink(p)) {
				Path real;
				try {
					real = Files.exists(p) ? p.toRealPath() : throughLinks(p);
				} catch (IOException e) {
					throw new UnsafePathException("cannot follow the symbolic link `" + walked + "`: " + reason(e));
				}
				if (!real.startsWith(root)) {
					throw new UnsafePathException("the file name `" + relative + "` leads out of the output folder "
							+ "through the symbolic link `" + walked + "` (to `" + real + "`)");
				}
				p = real;
			}
		}
		return outDir.resolve(relative);
	}

	private static String printable(String s) {
		StringBuilder b = new StringBuilder();
		for (char c : s.toCharArray()) {
			b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		return b.toString();
	}
}
