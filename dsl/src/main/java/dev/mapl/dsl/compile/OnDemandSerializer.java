package dev.mapl.dsl.compile;

import com.google.inject.Inject;
import java.io.IOException;
import java.io.Writer;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.SaveOptions;
import org.eclipse.xtext.serializer.ISerializer;
import org.eclipse.xtext.util.ReplaceRegion;

/** MAPL's serializer, made on first use ({@link CompilerModule}). */
public class OnDemandSerializer implements ISerializer {

	@Inject
	private OnDemandServices services;

	private ISerializer serializer;

	private synchronized ISerializer serializer() {
		if (serializer == null) {
			serializer = services.injector().getInstance(CompilerModule.serializer());
		}
		return serializer;
	}

	@Override
	public String serialize(EObject obj) {
		return serializer().serialize(obj);
	}

	@Override
	public String serialize(EObject obj, SaveOptions options) {
		return serializer().serialize(obj, options);
	}

	@Override
	public void serialize(EObject obj, Writer writer, SaveOptions options) throws IOException {
		serializer().serialize(obj, writer, options);
	}

	@Override
	public ReplaceRegion serializeReplacement(EObject obj, SaveOptions options) {
		return serializer().serializeReplacement(obj, options);
	}
}
