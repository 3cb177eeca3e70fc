package dev.ddspatterns.service.servletapp;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fails before Spring MVC sees the request, to prove the servlet container's error page
 * is a problem detail too.
 */
@Component
class FailingFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request.getRequestURI().equals("/filtered")) {
			throw new IllegalStateException("upstream http://10.0.0.7:8081 refused, password=s3cret");
		}
		chain.doFilter(request, response);
	}

}
