package dev.ddspatterns.thumbnailer.jobs;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The origins ({@code scheme://host:port}) a URL may point at. The service fetches
 * sources and posts callbacks only to these, so a client cannot make it reach internal
 * hosts (server-side request forgery); redirects are not followed for the same reason.
 */
public final class OriginAllowList {

	private final Set<String> origins;

	public OriginAllowList(List<URI> origins) {
		this.origins = origins.stream().map(OriginAllowList::origin).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * @param url a URL from a client
	 * @return whether it is an absolute http(s) URL, without credentials, on an allowed
	 * origin
	 */
	public boolean allows(URI url) {
		if (!url.isAbsolute() || url.getRawUserInfo() != null || url.getHost() == null) {
			return false;
		}
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		return (scheme.equals("http") || scheme.equals("https")) && this.origins.contains(origin(url));
	}

	private static String origin(URI url) {
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		int port = (url.getPort() != -1) ? url.getPort() : (scheme.equals("https") ? 443 : 80);
		return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
	}

}
