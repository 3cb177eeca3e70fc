/**
 * Certificates made at run time, for tests and the local demo: nothing secret is ever
 * committed.
 */
package dev.ddspatterns.testsupport.tls;
