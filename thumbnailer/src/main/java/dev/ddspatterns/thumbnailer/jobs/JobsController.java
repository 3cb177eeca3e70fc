package dev.ddspatterns.thumbnailer.jobs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import dev.ddspatterns.thumbnailer.ThumbnailerProperties;
import dev.ddspatterns.thumbnailer.blobs.BlobStore;
import dev.ddspatterns.thumbnailer.blobs.JobBlobs;
import dev.ddspatterns.thumbnailer.media.MediaFormat;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The work queue's versioned API. {@code POST /v1/jobs} checks the request, stores the
 * upload, records the job as queued and puts it on the jobs topic, then answers 202 at
 * once: the work happens in the pipeline, and the client follows it at {@code Location}.
 */
@RestController
@RequestMapping("/v1/jobs")
class JobsController {

	private static final Pattern JOB_ID = Pattern.compile("[0-9a-f-]{36}");

	private final JobStore jobs;

	private final BlobStore blobs;

	private final JobQueue queue;

	private final OriginAllowList sourceOrigins;

	private final OriginAllowList callbackOrigins;

	JobsController(JobStore jobs, BlobStore blobs, JobQueue queue, ThumbnailerProperties properties) {
		this.jobs = jobs;
		this.blobs = blobs;
		this.queue = queue;
		this.sourceOrigins = new OriginAllowList(properties.sourceOrigins());
		this.callbackOrigins = new OriginAllowList(properties.callbackOrigins());
	}

	/**
	 * The job as accepted.
	 *
	 * @param id the job id
	 * @param state {@code queued}
	 * @param links where to follow it
	 */
	record Accepted(String id, JobState state, Map<String, String> links) {

	}

	/**
	 * A thumbnail in the listing.
	 *
	 * @param index its position in the job
	 * @param timestampMillis the video frame's time, 0 for images
	 * @param mediaType its media type
	 * @param width width in pixels
	 * @param height height in pixels
	 * @param bytes size
	 * @param href where its bytes are
	 */
	record ThumbnailLink(int index, long timestampMillis, String mediaType, int width, int height, long bytes,
			String href) {

	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Accepted> upload(@RequestPart("file") MultipartFile file, @Valid @ModelAttribute JobRequest request)
			throws IOException {
		if (file.isEmpty()) {
			throw new ProblemException(ProblemType.INVALID_REQUEST, "The file part is empty");
		}
		String declared = (file.getContentType() != null) ? file.getContentType() : "application/octet-stream";
		MediaFormat format = MediaFormat.forMediaType(declared)
			.orElseThrow(() -> new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
					declared + " is not supported; send one of " + supportedTypes()));
		JobOptions options = options(request);
		String jobId = UUID.randomUUID().toString();
		String sourceKey = JobBlobs.source(jobId);
		// The multipart size limit (spring.servlet.multipart.max-file-size, 413) has
		// already applied. Tomcat keeps the part in a temporary file; moving it saves a
		// copy.
		Path received = this.blobs.localPath(JobBlobs.incoming(jobId));
		Files.createDirectories(received.getParent());
		file.transferTo(received.toFile());
		this.blobs.putFile(sourceKey, received);
		String name = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "upload";
		return submit(new JobSubmitted(jobId, sourceKey, null, format, options), format, name);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Accepted> fromUrl(@Valid @RequestBody JobRequest request) {
		URI url = request.url();
		if (url == null) {
			throw new ProblemException(ProblemType.INVALID_REQUEST,
					"A job needs a source: upload a file as multipart/form-data or give a url");
		}
		if (!this.sourceOrigins.allows(url)) {
			throw new ProblemException(ProblemType.INVALID_REQUEST, "The url is not on an allowed source origin");
		}
		String jobId = UUID.randomUUID().toString();
		return submit(new JobSubmitted(jobId, null, url, null, options(request)), null, url.toString());
	}

	@GetMapping("/{id}")
	Job job(@PathVariable String id) {
		return find(id);
	}

	@GetMapping("/{id}/thumbnails")
	List<ThumbnailLink> thumbnails(@PathVariable String id) {
		find(id);
		return this.jobs.thumbnails(id)
			.stream()
			.map((thumbnail) -> new ThumbnailLink(thumbnail.index(), thumbnail.timestampMillis(), thumbnail.mediaType(),
					thumbnail.width(), thumbnail.height(), thumbnail.bytes(),
					"/v1/jobs/" + id + "/thumbnails/" + thumbnail.index()))
			.toList();
	}

	@GetMapping("/{id}/thumbnails/{index}")
	ResponseEntity<InputStreamResource> thumbnail(@PathVariable String id, @PathVariable int index) throws IOException {
		find(id);
		JobStore.Thumbnail thumbnail = this.jobs.thumbnails(id)
			.stream()
			.filter((candidate) -> candidate.index() == index)
			.findFirst()
			.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "Job " + id + " has no thumbnail " + index));
		return image(thumbnail.key(), thumbnail.mediaType());
	}

	@GetMapping("/{id}/contact-sheet")
	ResponseEntity<InputStreamResource> contactSheet(@PathVariable String id) throws IOException {
		JobSummary.Sheet sheet = this.jobs.summaryOf(requireDone(id)).contactSheet();
		return image(JobBlobs.contactSheet(id, sheet.format()), sheet.mediaType());
	}

	@GetMapping(path = "/{id}/summary", produces = MediaType.APPLICATION_JSON_VALUE)
	JobSummary summary(@PathVariable String id) {
		return this.jobs.summaryOf(requireDone(id));
	}

	/**
	 * Deletes an ended job: its state first, so that no reader finds the job without its
	 * blobs, then its blobs (should that fail, the sweep deletes them later). A job still
	 * queued or running is a conflict: its records are in flight on any instance and
	 * would write thumbnails after the delete, and no stage can be stopped mid-record.
	 * Every job ends within bounded retries; delete it then.
	 */
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) throws IOException {
		Job job = find(id);
		if (!job.state().hasEnded()) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Job " + id + " is " + job.state().value() + "; it can be deleted once it is done or failed");
		}
		this.jobs.delete(id);
		for (String prefix : JobBlobs.prefixes(id)) {
			this.blobs.deleteAll(prefix);
		}
		return ResponseEntity.noContent().build();
	}

	private ResponseEntity<Accepted> submit(JobSubmitted submitted, @Nullable MediaFormat format, String source) {
		this.jobs.create(submitted.jobId(), format, source, submitted.options(), submitted.options().callback());
		try {
			this.queue.submit(submitted);
		}
		catch (RuntimeException ex) {
			// Not queued means not accepted: say so, and leave no job waiting forever.
			this.jobs.fail(submitted.jobId(), "the job could not be queued");
			throw new ProblemException(ProblemType.UNAVAILABLE, "The job queue is not reachable; try again later",
					Map.of(), ex);
		}
		String location = "/v1/jobs/" + submitted.jobId();
		return ResponseEntity.accepted()
			.location(URI.create(location))
			.body(new Accepted(submitted.jobId(), JobState.QUEUED,
					Map.of("self", location, "thumbnails", location + "/thumbnails", "contactSheet",
							location + "/contact-sheet", "summary", location + "/summary")));
	}

	private JobOptions options(JobRequest request) {
		if (request.callback() != null && !this.callbackOrigins.allows(request.callback())) {
			throw new ProblemException(ProblemType.INVALID_REQUEST,
					"The callback is not on an allowed callback origin");
		}
		return request.options();
	}

	private Job find(String id) {
		return (JOB_ID.matcher(id).matches() ? this.jobs.find(id) : Optional.<Job>empty())
			.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No job " + id));
	}

	private String requireDone(String id) {
		Job job = find(id);
		if (job.state() != JobState.DONE) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Job " + id + " is " + job.state().value() + "; its results exist once it is done");
		}
		return id;
	}

	private ResponseEntity<InputStreamResource> image(String key, String mediaType) throws IOException {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(mediaType))
			.contentLength(this.blobs.size(key))
			.body(new InputStreamResource(this.blobs.open(key)));
	}

	private static String supportedTypes() {
		return String.join(", ", Arrays.stream(MediaFormat.values()).map(MediaFormat::mediaType).toList());
	}

}
