package dev.ddspatterns.k8s;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What may follow a configuration property's name, found from its type: nothing for a
 * scalar, an index for a list, a key for a map, a nested property for an object. The
 * configuration processor lists no properties inside list elements or map values (the
 * {@code primary} of {@code suite.cache.shards[0].primary}), so those are found on the
 * element's class, by its record components or its JavaBean accessors.
 *
 * <p>
 * Names are compared as environment variables spell them: upper case, no dashes, so
 * {@code key-selection} and {@code keySelection} are both {@code KEYSELECTION}.
 */
final class PropertyShapes {

	private final Function<String, Optional<Class<?>>> classes;

	/**
	 * @param classes loads a class of the app by its binary name
	 */
	PropertyShapes(Function<String, Optional<Class<?>>> classes) {
		this.classes = classes;
	}

	/**
	 * Whether the segments after a property's name are valid for its type.
	 * @param typeName the type as the metadata writes it, e.g.
	 * {@code java.util.List<dev.ddspatterns.cache.CacheProperties.Shard>}; null when
	 * unknown
	 * @param rest the remaining segments, upper case, indexes as numbers
	 */
	boolean accepts(String typeName, List<String> rest) {
		return (typeName == null) || accepts(parse(typeName), rest);
	}

	private boolean accepts(Type type, List<String> rest) {
		if (rest.isEmpty()) {
			return settable(type);
		}
		if (type instanceof GenericArrayType array) {
			return isIndex(rest.getFirst()) && accepts(array.getGenericComponentType(), rest.subList(1, rest.size()));
		}
		Class<?> raw = raw(type);
		Type[] arguments = (type instanceof ParameterizedType parameterized) ? parameterized.getActualTypeArguments()
				: new Type[0];
		if (raw == null || raw == Object.class) {
			return true;
		}
		if (raw.isArray()) {
			return isIndex(rest.getFirst()) && accepts(raw.getComponentType(), rest.subList(1, rest.size()));
		}
		if (Collection.class.isAssignableFrom(raw)) {
			return isIndex(rest.getFirst())
					&& (arguments.length == 0 || accepts(arguments[0], rest.subList(1, rest.size())));
		}
		if (Map.class.isAssignableFrom(raw)) {
			// A key may itself hold underscores: try every split.
			for (int k = 1; k <= rest.size(); k++) {
				if (arguments.length < 2 || accepts(arguments[1], rest.subList(k, rest.size()))) {
					return true;
				}
			}
			return false;
		}
		if (isScalar(raw)) {
			return false;
		}
		// A property's own name never holds an underscore: BASE_URL is not base-url.
		Optional<Type> property = property(raw, rest.getFirst());
		return property.isPresent() && accepts(property.get(), rest.subList(1, rest.size()));
	}

	/**
	 * Whether one string can set a whole value of this type: not so for an object or a
	 * map.
	 */
	private static boolean settable(Type type) {
		if (type instanceof GenericArrayType array) {
			return settable(array.getGenericComponentType());
		}
		Class<?> raw = raw(type);
		if (raw == null || raw == Object.class) {
			return true;
		}
		if (raw.isArray()) {
			return settable(raw.getComponentType());
		}
		if (Collection.class.isAssignableFrom(raw)) {
			Type[] arguments = (type instanceof ParameterizedType parameterized)
					? parameterized.getActualTypeArguments() : new Type[0];
			return arguments.length == 0 || settable(arguments[0]);
		}
		return !Map.class.isAssignableFrom(raw) && isScalar(raw);
	}

	/** A record component, or a JavaBean property with a setter or a nested getter. */
	private static Optional<Type> property(Class<?> type, String envName) {
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				if (envName(component.getName()).equals(envName)) {
					return Optional.of(component.getGenericType());
				}
			}
			return Optional.empty();
		}
		for (Method method : type.getMethods()) {
			String name = method.getName();
			if (name.startsWith("set") && method.getParameterCount() == 1
					&& envName(name.substring(3)).equals(envName)) {
				return Optional.of(method.getGenericParameterTypes()[0]);
			}
			if ((name.startsWith("get") && method.getParameterCount() == 0
					&& envName(name.substring(3)).equals(envName)) && method.getDeclaringClass() != Object.class) {
				return Optional.of(method.getGenericReturnType());
			}
		}
		return Optional.empty();
	}

	static String envName(String name) {
		return name.replace("-", "").toUpperCase(Locale.ROOT);
	}

	static boolean isIndex(String segment) {
		return segment.chars().allMatch(Character::isDigit) && !segment.isEmpty();
	}

	private static boolean isScalar(Class<?> type) {
		return type.isPrimitive() || type.isEnum() || CharSequence.class.isAssignableFrom(type)
				|| Number.class.isAssignableFrom(type) || type == Boolean.class || type == Character.class
				|| type == Class.class || type.getPackageName().startsWith("java.")
				|| type.getName().startsWith("org.springframework.util.unit.")
				|| type.getName().equals("org.springframework.core.io.Resource");
	}

	private static Class<?> raw(Type type) {
		if (type instanceof Class<?> plain) {
			return plain;
		}
		if (type instanceof ParameterizedType parameterized) {
			return (Class<?>) parameterized.getRawType();
		}
		return null;
	}

	/**
	 * Parses a metadata type name, e.g. {@code java.util.Map<java.lang.String,a.B.C>}.
	 */
	private Type parse(String typeName) {
		String name = typeName.trim();
		int open = name.indexOf('<');
		if (open < 0) {
			return load(name);
		}
		Class<?> raw = load(name.substring(0, open));
		List<Type> arguments = new ArrayList<>();
		int depth = 0;
		int start = open + 1;
		for (int i = start; i < name.length() - 1; i++) {
			char c = name.charAt(i);
			depth += (c == '<') ? 1 : (c == '>') ? -1 : 0;
			if (c == ',' && depth == 0) {
				arguments.add(parse(name.substring(start, i)));
				start = i + 1;
			}
		}
		arguments.add(parse(name.substring(start, name.length() - 1)));
		return new Parameterized(raw, arguments.toArray(Type[]::new));
	}

	/** Loads a class named with dots throughout, as the metadata names nested classes. */
	private Class<?> load(String dotted) {
		if (dotted.endsWith("[]")) {
			return load(dotted.substring(0, dotted.length() - 2)).arrayType();
		}
		String name = dotted;
		while (true) {
			Optional<Class<?>> found = this.classes.apply(name);
			if (found.isPresent()) {
				return found.get();
			}
			int dot = name.lastIndexOf('.');
			if (dot < 0) {
				throw new IllegalStateException("The app has no class " + dotted);
			}
			name = name.substring(0, dot) + "$" + name.substring(dot + 1);
		}
	}

	private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {

		@Override
		public Type[] getActualTypeArguments() {
			return this.arguments;
		}

		@Override
		public Type getRawType() {
			return this.raw;
		}

		@Override
		public Type getOwnerType() {
			return null;
		}

	}

}
