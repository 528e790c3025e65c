package dev.mapl.emit.java;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the bytecode size of each method from a class file (HotSpot compiles none over 8000 bytes). */
public final class ClassFiles {

	/** HotSpot's HugeMethodLimit: longer methods are never JIT-compiled (-XX:+DontCompileHugeMethods). */
	public static final int HUGE_METHOD_LIMIT = 8000;

	private ClassFiles() {
	}

	/** Method name + descriptor -> code length in bytes. */
	public static Map<String, Integer> codeSizes(byte[] classFile) {
		try {
			DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
			in.readInt();
			in.readUnsignedShort();
			in.readUnsignedShort();
			int count = in.readUnsignedShort();
			String[] utf8 = new String[count];
			for (int i = 1; i < count; i++) {
				int tag = in.readUnsignedByte();
				switch (tag) {
					case 1:
						utf8[i] = in.readUTF();
						break;
					case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
						in.skipBytes(4);
						break;
					case 5: case 6:
						in.skipBytes(8);
						i++;
						break;
					case 7: case 8: case 16: case 19: case 20:
						in.skipBytes(2);
						break;
					case 15:
						in.skipBytes(3);
						break;
					default:
						throw new IllegalStateException("constant pool tag " + tag);
				}
			}
			in.skipBytes(6);
			in.skipBytes(2 * in.readUnsignedShort());
			int fields = in.readUnsignedShort();
			for (int i = 0; i < fields; i++) {
				in.skipBytes(6);
				skipAttributes(in);
			}
			Map<String, Integer> out = new LinkedHashMap<>();
			int methods = in.readUnsignedShort();
			for (int i = 0; i < methods; i++) {
				in.skipBytes(2);
				String name = utf8[in.readUnsignedShort()];
				String desc = utf8[in.readUnsignedShort()];
				int attrs = in.readUnsignedShort();
				for (int a = 0; a < attrs; a++) {
					String an = utf8[in.readUnsignedShort()];
					int len = in.readInt();
					if (an.equals("Code")) {
						in.skipBytes(4);
						int code = in.readInt();
						out.put(name + desc, code);
						in.skipBytes(len - 8);
					} else {
						in.skipBytes(len);
					}
				}
			}
			return out;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void skipAttributes(DataInputStream in) throws IOException {
		int n = in.readUnsignedShort();
		for (int i = 0; i < n; i++) {
			in.skipBytes(2);
			in.skipBytes(in.readInt());
		}
	}
}
