package dev.ddspatterns.thumbnailer;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import dev.ddspatterns.thumbnailer.blobs.BlobStore;
import dev.ddspatterns.thumbnailer.blobs.FileSystemBlobStore;
import dev.ddspatterns.thumbnailer.media.MediaProbe;
import dev.ddspatterns.thumbnailer.media.PictureMemory;
import dev.ddspatterns.thumbnailer.media.ThumbnailRenderer;
import dev.ddspatterns.thumbnailer.media.VideoFrames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;

/**
 * The thumbnailer's building blocks: blob store, media libraries, outbound HTTP, and the
 * scheduler that runs the blob store's sweeps ({@code retention.BlobSweeper}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ThumbnailerConfiguration {

	@Bean
	BlobStore blobStore(ThumbnailerProperties properties) throws IOException {
		return new FileSystemBlobStore(properties.blobDir());
	}

	@Bean
	VideoFrames videoFrames() {
		return new VideoFrames();
	}

	@Bean
	MediaProbe mediaProbe(ThumbnailerProperties properties, VideoFrames videos) {
		return new MediaProbe(properties.maxPixels(), properties.maxVideoPixels(), videos);
	}

	@Bean
	ThumbnailRenderer thumbnailRenderer() {
		return new ThumbnailRenderer();
	}

	@Bean
	PictureMemory pictureMemory(ThumbnailerProperties properties, MeterRegistry meters) {
		PictureMemory memory = new PictureMemory(properties.pictureMemory().toBytes());
		Gauge.builder("thumbnailer.picture.memory.reserved", memory, PictureMemory::reservedBytes)
			.description("Heap reserved by the pictures being worked on")
			.baseUnit("bytes")
			.register(meters);
		Gauge.builder("thumbnailer.picture.memory.waiting", memory, PictureMemory::waiting)
			.description("Pieces of work waiting for picture memory")
			.register(meters);
		return memory;
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * HTTP for fetching sources and posting callbacks: bounded in time, and never
	 * following a redirect, which could lead off the allowed origins.
	 */
	@Bean
	RestClient outboundHttp(RestClient.Builder builder, ThumbnailerProperties properties) {
		HttpClient client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(properties.callbackTimeout());
		return builder.requestFactory(requests).build();
	}

}
