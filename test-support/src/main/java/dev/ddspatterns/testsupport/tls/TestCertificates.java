package dev.ddspatterns.testsupport.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority and a certificate for {@code localhost} and
 * {@code 127.0.0.1} that it signed, made at test time in a temporary folder, so no key is
 * ever committed (tests, the local demo). The server gets the certificate and key as PEM
 * files, the way an operator would mount them; a client trusts the authority only.
 *
 * @param certificate PEM file of the server certificate
 * @param privateKey PEM file of its private key (PKCS#8)
 * @param authority the certificate authority a client should trust
 */
public record TestCertificates(Path certificate, Path privateKey, X509Certificate authority) {

	private static final Duration VALIDITY = Duration.ofDays(1);

	/**
	 * @return a fresh authority and a localhost certificate, in a new temporary folder
	 */
	public static TestCertificates generate() {
		try {
			return generate(Files.createTempDirectory("tls"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param folder where to write {@code gateway.crt}, {@code gateway.key} and the
	 * authority's {@code authority.crt} (for {@code curl --cacert}); the files are
	 * deleted when the JVM exits
	 * @return a fresh authority and a localhost certificate
	 */
	public static TestCertificates generate(Path folder) {
		try {
			KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
			keys.initialize(256);
			KeyPair authorityKeys = keys.generateKeyPair();
			X500Name authorityName = new X500Name("CN=dds-patterns test authority");
			X509Certificate authority = sign(
					builder(authorityName, authorityName, authorityKeys)
						.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
						.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
					authorityKeys.getPrivate());
			KeyPair serverKeys = keys.generateKeyPair();
			GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
					new GeneralName(GeneralName.iPAddress, "127.0.0.1") });
			X509Certificate server = sign(builder(authorityName, new X500Name("CN=localhost"), serverKeys)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
				.addExtension(Extension.subjectAlternativeName, false, names), authorityKeys.getPrivate());
			Files.createDirectories(folder);
			folder.toFile().deleteOnExit();
			pem(folder.resolve("authority.crt"), "CERTIFICATE", authority.getEncoded());
			Path certificate = pem(folder.resolve("gateway.crt"), "CERTIFICATE", server.getEncoded());
			Path privateKey = pem(folder.resolve("gateway.key"), "PRIVATE KEY", serverKeys.getPrivate().getEncoded());
			return new TestCertificates(certificate, privateKey, authority);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return a TLS context for clients that trusts this authority and nothing else
	 */
	public SSLContext clientContext() {
		try {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			trusted.setCertificateEntry("test-authority", this.authority);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
		Instant now = Instant.now();
		return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
				Date.from(now.minus(VALIDITY)), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
			throws OperatorCreationException, GeneralSecurityException {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
	}

	private static Path pem(Path file, String type, byte[] der) throws IOException {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
		file.toFile().deleteOnExit();
		return file;
	}

}
