/**
 * SSL termination at the edge (<em>Designing Distributed Systems</em>, "Serving
 * Patterns": the nginx in front of the web tier that holds the certificate, so the
 * services behind it speak plain HTTP).
 *
 * <p>
 * The gateway keeps its plain HTTP port and adds an HTTPS listener, built from the Spring
 * Boot SSL bundle named {@code gateway}, that serves the very same handler: the same
 * routes, filters and error handling on both ports. Backends are called over plain HTTP
 * and learn the original scheme from {@code X-Forwarded-Proto}. Responses on the HTTPS
 * port carry {@code Strict-Transport-Security}.
 *
 * <p>
 * Read {@link dev.ddspatterns.gateway.tls.HttpsListener} first, then
 * {@link dev.ddspatterns.gateway.tls.TlsTerminationConfiguration}, which switches it all
 * on only when a certificate is configured.
 */
package dev.ddspatterns.gateway.tls;
