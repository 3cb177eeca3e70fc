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
 *
 * <p>
 * What the servers answer by themselves, before any app code runs, is a problem too, and
 * every request passes the {@link dev.ddspatterns.service.problem.RequestScreen} first
 * ({@code suite.http.*}: 8 KB of URI, 8 KB of header fields, UTF-8 encodings): on Tomcat
 * through {@link dev.ddspatterns.service.problem.ProblemReportValve}, on Reactor Netty
 * through {@link dev.ddspatterns.service.problem.UndecodableRequests} and
 * {@link dev.ddspatterns.service.problem.RequestScreenWebFilter}. A problem's
 * {@code instance} is the path the client sent, at most its first 256 characters
 * ({@link dev.ddspatterns.service.problem.ClientPath}).
 */
package dev.ddspatterns.service.problem;
