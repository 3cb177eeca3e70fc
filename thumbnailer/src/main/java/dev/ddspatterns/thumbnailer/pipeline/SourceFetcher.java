package dev.ddspatterns.thumbnailer.pipeline;

import java.net.URI;

import dev.ddspatterns.thumbnailer.ThumbnailerProperties;
import dev.ddspatterns.thumbnailer.blobs.BlobStore;
import dev.ddspatterns.thumbnailer.blobs.JobBlobs;
import dev.ddspatterns.thumbnailer.jobs.OriginAllowList;
import dev.ddspatterns.thumbnailer.media.RejectedMediaException;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Fetches a URL source into the blob store for the filter: only from an allowed origin,
 * never following redirects, and never more than the size limit.
 */
@Component
class SourceFetcher {

	private final RestClient http;

	private final OriginAllowList allowed;

	private final BlobStore blobs;

	private final long maxBytes;

	SourceFetcher(RestClient http, BlobStore blobs, ThumbnailerProperties properties) {
		this.http = http;
		this.allowed = new OriginAllowList(properties.sourceOrigins());
		this.blobs = blobs;
		this.maxBytes = properties.maxSourceSize().toBytes();
	}

	String fetch(String jobId, URI url) {
		if (!this.allowed.allows(url)) {
			throw new RejectedMediaException("source URL is not on an allowed origin");
		}
		String key = JobBlobs.source(jobId);
		return this.http.get().uri(url).exchange((request, response) -> {
			if (!response.getStatusCode().is2xxSuccessful()) {
				throw new RejectedMediaException("source URL answered " + response.getStatusCode().value());
			}
			try {
				this.blobs.put(key, response.getBody(), this.maxBytes);
			}
			catch (BlobStore.TooLargeException ex) {
				throw new RejectedMediaException("source is larger than " + this.maxBytes + " bytes");
			}
			return key;
		});
	}

}
