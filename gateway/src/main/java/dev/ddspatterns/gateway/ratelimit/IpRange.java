package dev.ddspatterns.gateway.ratelimit;

import java.net.InetAddress;
import java.util.Arrays;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * One address or a CIDR block of addresses, such as {@code 127.0.0.1}, {@code 10.0.0.0/8}
 * or {@code fd00::/8}. Configuration binds text to it through {@link #of(String)}, so a
 * typo in {@code trusted-proxies} stops the gateway at start-up instead of silently
 * trusting nobody.
 */
public final class IpRange {

	private final byte[] network;

	private final int prefixLength;

	private final String text;

	private IpRange(byte[] network, int prefixLength, String text) {
		this.network = network;
		this.prefixLength = prefixLength;
		this.text = text;
	}

	/**
	 * @param text an IPv4 or IPv6 literal, optionally followed by {@code /prefix-length};
	 * host names are refused, since resolving them would make trust depend on DNS
	 * @return the range
	 */
	public static IpRange of(String text) {
		String trimmed = text.trim();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		InetAddress parsed = parse(address);
		if (parsed == null) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
		}
		byte[] bytes = parsed.getAddress();
		int bits = bytes.length * 8;
		int prefixLength = bits;
		if (slash >= 0) {
			try {
				prefixLength = Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefixLength = -1;
			}
			if (prefixLength < 0 || prefixLength > bits) {
				throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits);
			}
		}
		return new IpRange(bytes, prefixLength, trimmed);
	}

	/**
	 * Parses an IP literal without ever asking DNS.
	 * @param text an IPv4 or IPv6 literal
	 * @return the address, or {@code null} if the text is not one
	 */
	static @Nullable InetAddress parse(String text) {
		return NetUtil.createInetAddressFromIpAddressString(text.trim());
	}

	/**
	 * @param address an address
	 * @return whether it lies in this range; an IPv4 address is never in an IPv6 range
	 */
	public boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		if (!Arrays.equals(candidate, 0, fullBytes, this.network, 0, fullBytes)) {
			return false;
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xFF << (8 - remainingBits)) & 0xFF;
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
