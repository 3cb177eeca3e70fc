/**
 * RFC 9457 problem details for every error an app of the suite returns, on Servlet and
 * WebFlux alike, each with a stable {@code type} URI from {@link ProblemType}.
 *
 * <p>
 * Apps report their own errors by throwing {@link ProblemException}. Spring's exceptions
 * (validation, unreadable bodies, unknown paths, unsupported media types, upload limits)
 * get the matching type; anything unexpected becomes an {@code internal} problem with a
 * generic detail, logged with its stack trace on the server and never sent to the client.
 * The catalogue of types is in {@code docs/problems.md}.
 */
package dev.ddspatterns.service.problem;
