package dev.ddspatterns.thumbnailer.jobs;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OriginAllowListTests {

	private final OriginAllowList allowed = new OriginAllowList(
			List.of(URI.create("https://media.example"), URI.create("http://localhost:8082")));

	@Test
	void urlsOnAnAllowedOriginPass() {
		assertThat(this.allowed.allows(URI.create("https://media.example/cats/1.jpg"))).isTrue();
		assertThat(this.allowed.allows(URI.create("https://MEDIA.example:443/x"))).isTrue();
		assertThat(this.allowed.allows(URI.create("http://localhost:8082/v1/search?q=cat"))).isTrue();
	}

	@Test
	void otherHostsPortsSchemesAndCredentialsAreRefused() {
		assertThat(this.allowed.allows(URI.create("http://media.example/cats/1.jpg"))).isFalse();
		assertThat(this.allowed.allows(URI.create("https://media.example:8443/x"))).isFalse();
		assertThat(this.allowed.allows(URI.create("https://media.example.evil.test/x"))).isFalse();
		assertThat(this.allowed.allows(URI.create("http://169.254.169.254/latest/meta-data"))).isFalse();
		assertThat(this.allowed.allows(URI.create("https://user:pw@media.example/x"))).isFalse();
		assertThat(this.allowed.allows(URI.create("file:///etc/passwd"))).isFalse();
		assertThat(this.allowed.allows(URI.create("/relative/path"))).isFalse();
	}

}
