package dev.ddspatterns.thumbnailer.retention;

import java.io.IOException;

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
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a new job ({@code POST /v1/jobs}) with a 507 {@code insufficient-storage}
 * problem when the blob store is at one of its bounds ({@link StorageBudget}). A filter,
 * not a check in the controller: it answers before the request's body is read, where a
 * controller would only run once the whole upload had been received into a temporary
 * file. Every other request passes: reading and deleting jobs is what frees the store.
 */
@Component
class UploadAdmission extends OncePerRequestFilter {

	private static final String JOBS = "/v1/jobs";

	private final StoredBytes stored;

	private final BlobStore blobs;

	private final StorageBudget budget;

	private final HandlerExceptionResolver problems;

	UploadAdmission(StoredBytes stored, BlobStore blobs, ThumbnailerProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		this.stored = stored;
		this.blobs = blobs;
		this.budget = StorageBudget.of(properties);
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(HttpMethod.POST.matches(request.getMethod()) && JOBS.equals(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Admission admission = this.stored.admit(this.budget, this.blobs.usableBytes());
		if (admission == Admission.ADMITTED) {
			chain.doFilter(request, response);
			return;
		}
		// Rendered by the app's problem handling, as a controller's problem would be.
		this.problems.resolveException(request, response, null,
				new ProblemException(ProblemType.INSUFFICIENT_STORAGE, admission.detail()));
	}

}
