package dev.ddspatterns.testsupport.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

import dev.ddspatterns.testsupport.FreePorts;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * A TCP proxy on the loopback interface that a test puts between a client and a server to
 * break the network between them: freeze traffic (a partition that leaves connections
 * open) or close every connection (a reset). Built on netcrusher.
 *
 * <p>
 * The target is resolved lazily, when the proxy's port is first asked for, so the proxy
 * can be declared next to the server it fronts:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final FaultProxy proxy = FaultProxy.to(() -&gt; redis.server().address());
 * </pre>
 */
public final class FaultProxy implements AfterAllCallback, AutoCloseable {

	private final Supplier<InetSocketAddress> target;

	private NioReactor reactor;

	private TcpCrusher crusher;

	private FaultProxy(Supplier<InetSocketAddress> target) {
		this.target = target;
	}

	/**
	 * @param target the server to forward to, asked for when the proxy opens
	 * @return a proxy that opens on first use
	 */
	public static FaultProxy to(Supplier<InetSocketAddress> target) {
		return new FaultProxy(target);
	}

	/**
	 * @return the loopback host clients connect to instead of the server
	 */
	public String host() {
		return open().getBindAddress().getHostString();
	}

	/**
	 * @return the port clients connect to instead of the server's
	 */
	public int port() {
		return open().getBindAddress().getPort();
	}

	/**
	 * Stops moving bytes in both directions and stops accepting; connections stay open,
	 * so clients hang until their own timeouts fire.
	 */
	public void freeze() {
		open().freeze();
	}

	/** Moves bytes again, including those that queued while frozen. */
	public void unfreeze() {
		TcpCrusher open = open();
		if (open.isFrozen()) {
			open.unfreeze();
		}
	}

	/** Closes every proxied connection at once; new connections are still accepted. */
	public void closeConnections() {
		open().closeAllPairs();
	}

	/**
	 * Points the proxy at another server, as a service address moves to a replica
	 * promoted to primary: every proxied connection is closed, and new ones, on the same
	 * port, go to the new target.
	 * @param target the server to forward to from now on
	 */
	public synchronized void retarget(InetSocketAddress target) {
		InetSocketAddress bind = open().getBindAddress();
		this.crusher.close();
		this.crusher = build(bind, target);
	}

	/**
	 * @return how many client connections the proxy has accepted in total (since its last
	 * {@link #retarget})
	 */
	public int connectionsAccepted() {
		return open().getClientTotalCount();
	}

	private synchronized TcpCrusher open() {
		if (this.crusher == null) {
			try {
				this.reactor = new NioReactor();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.crusher = build(new InetSocketAddress("127.0.0.1", FreePorts.next()), this.target.get());
		}
		return this.crusher;
	}

	private TcpCrusher build(InetSocketAddress bind, InetSocketAddress target) {
		return TcpCrusherBuilder.builder()
			.withReactor(this.reactor)
			.withBindAddress(bind)
			.withConnectAddress(target)
			.buildAndOpen();
	}

	@Override
	public synchronized void close() {
		if (this.crusher != null) {
			this.crusher.close();
			this.reactor.close();
			this.crusher = null;
			this.reactor = null;
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

}
