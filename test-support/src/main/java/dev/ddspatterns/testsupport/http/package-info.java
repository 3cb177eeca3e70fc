/**
 * An HTTP/1.1 client that sends the bytes it is given, for tests of what a server answers
 * a hostile client: {@link dev.ddspatterns.testsupport.http.RawHttp}.
 */
package dev.ddspatterns.testsupport.http;
