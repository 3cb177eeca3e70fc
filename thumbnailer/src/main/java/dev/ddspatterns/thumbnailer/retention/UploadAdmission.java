package dev.ddspatterns.thumbnailer.retention;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import dev.ddspatterns.thumbnailer.ThumbnailerProperties;
import dev.ddspatterns.thumbnailer.blobs.BlobStore;
import dev.ddspatterns.thumbnailer.retention.StorageBudget.Admission;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Admits a new job ({@code POST /v1/jobs}) only within the instance's bounds: a 503
 * {@code unavailable} problem with {@code Retry-After} when
 * {@code max-concurrent-uploads} are already being received, a 507
 * {@code insufficient-storage} problem when the blob store is at one of its bounds
 * ({@link StorageBudget}). A filter, not a check in the controller: it answers before the
 * request's body is read, where a controller would only run once the whole upload had
 * been received into a temporary file. Every other request passes: reading and deleting
 * jobs is what frees the store.
 */
@Component
class UploadAdmission extends OncePerRequestFilter {

	private static final String JOBS = "/v1/jobs";

	private final StoredBytes stored;

	private final BlobStore blobs;

	private final StorageBudget budget;

	private final HandlerExceptionResolver problems;

	private final Semaphore uploads;

	UploadAdmission(StoredBytes stored, BlobStore blobs, ThumbnailerProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		this.stored = stored;
		this.blobs = blobs;
		this.budget = StorageBudget.of(properties);
		this.problems = problems;
		this.uploads = new Semaphore(properties.maxConcurrentUploads());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(HttpMethod.POST.matches(request.getMethod()) && JOBS.equals(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// Not waiting: a client that is told to come back holds nothing meanwhile.
		if (!this.uploads.tryAcquire()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			refuse(request, response, new ProblemException(ProblemType.UNAVAILABLE,
					"This instance is receiving as many uploads as it takes at once; retry shortly."));
			return;
		}
		try {
			Admission admission = this.stored.admit(this.budget, this.blobs.usableBytes());
			if (admission == Admission.ADMITTED) {
				chain.doFilter(request, response);
				return;
			}
			refuse(request, response, new ProblemException(ProblemType.INSUFFICIENT_STORAGE, admission.detail()));
		}
		finally {
			this.uploads.release();
		}
	}

	// Rendered by the app's problem handling, as a controller's problem would be.
	private void refuse(HttpServletRequest request, HttpServletResponse response, ProblemException problem) {
		this.problems.resolveException(request, response, null, problem);
	}

}
