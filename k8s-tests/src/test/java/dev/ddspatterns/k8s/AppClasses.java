package dev.ddspatterns.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The app's classes, unpacked on first use: only the shape of a list element or map value
 * needs them.
 */
final class AppClasses implements Function<String, Optional<Class<?>>> {

	private final Path jar;

	private final Path directory;

	private ClassLoader loader;

	AppClasses(Path jar, Path directory) {
		this.jar = jar;
		this.directory = directory;
	}

	@Override
	public synchronized Optional<Class<?>> apply(String name) {
		try {
			return Optional.of(Class.forName(name, false, loader()));
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return Optional.empty();
		}
	}

	private ClassLoader loader() {
		if (this.loader == null) {
			List<URL> urls = new ArrayList<>();
			try (JarFile file = new JarFile(this.jar.toFile())) {
				for (JarEntry entry : file.stream().toList()) {
					if (entry.isDirectory() || !entry.getName().startsWith("BOOT-INF/")) {
						continue;
					}
					Path target = this.directory.resolve(entry.getName());
					Files.createDirectories(target.getParent());
					Files.copy(file.getInputStream(entry), target, StandardCopyOption.REPLACE_EXISTING);
					if (entry.getName().startsWith("BOOT-INF/lib/")) {
						urls.add(target.toUri().toURL());
					}
				}
				urls.addFirst(this.directory.resolve("BOOT-INF/classes/").toUri().toURL());
			}
			catch (MalformedURLException ex) {
				throw new IllegalStateException(ex);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot unpack " + this.jar, ex);
			}
			this.loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
		}
		return this.loader;
	}

}
