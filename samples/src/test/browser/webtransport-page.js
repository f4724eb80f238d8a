// Page side of webtransport-features.mjs: one function per scenario, each against the Java
// WebTransportServer of WebTransportBrowserTest. Each returns what the page saw, for Java to check.
'use strict';

const enc = new TextEncoder();
const dec = new TextDecoder();

function hexToBytes(hex) {
  return new Uint8Array(hex.match(/../g).map((b) => parseInt(b, 16)));
}

async function connect(base, hash, pathAndQuery) {
  const transport = new WebTransport(base + pathAndQuery, {
    serverCertificateHashes: [{ algorithm: 'sha-256', value: hexToBytes(hash) }],
  });
  await transport.ready;
  return transport;
}

async function readAll(readable) {
  const reader = readable.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  const all = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) { all.set(c, offset); offset += c.length; }
  return all;
}

function withTimeout(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms))]);
}

async function echoOnNewStream(transport, text) {
  const stream = await transport.createBidirectionalStream();
  const writer = stream.writable.getWriter();
  await writer.write(enc.encode(text));
  await writer.close();
  return dec.decode(await readAll(stream.readable));
}

window.scenarios = {
  // Datagrams both ways: sent until the server's echo comes back (they are unreliable).
  async datagrams(base, hash) {
    const transport = await connect(base, hash, '/features?scenario=datagrams');
    const writer = transport.datagrams.writable.getWriter();
    const reader = transport.datagrams.readable.getReader();
    const text = 'datagram from chromium ✓';
    let echo = null;
    let sends = 0;
    const received = reader.read();
    while (echo === null && sends < 20) {
      await writer.write(enc.encode(text));
      sends++;
      const answer = await Promise.race([received, new Promise((r) => setTimeout(() => r(null), 500))]);
      if (answer !== null) echo = dec.decode(answer.value);
    }
    const result = { echo, sends, maxDatagramSize: transport.datagrams.maxDatagramSize };
    transport.close();
    return result;
  },

  // Unidirectional streams both ways: the server reads ours to FIN, answers on its own.
  async uniStreams(base, hash) {
    const transport = await connect(base, hash, '/features?scenario=uni');
    const stream = await transport.createUnidirectionalStream();
    const writer = stream.getWriter();
    await writer.write(enc.encode('one way from chromium ✓'));
    await writer.close();
    const { value: incoming } = await transport.incomingUnidirectionalStreams.getReader().read();
    const answer = dec.decode(await readAll(incoming));
    transport.close();
    return { answer };
  },

  // The page closes with a code and reason; the Java server records what it saw.
  async clientClose(base, hash) {
    const transport = await connect(base, hash, '/features?scenario=client-close');
    transport.close({ closeCode: 4242, reason: 'bye from chromium ✓' });
    const info = await transport.closed;
    return { closeCode: info.closeCode, reason: info.reason };
  },

  // The page asks the server to close; it closes with its own code and reason.
  async serverClose(base, hash) {
    const transport = await connect(base, hash, '/features?scenario=server-close');
    const stream = await transport.createBidirectionalStream();
    const writer = stream.writable.getWriter();
    await writer.write(enc.encode('close please'));
    const info = await transport.closed;
    return { closeCode: info.closeCode, reason: info.reason };
  },

  // 50 sessions open at once, each echoing on its own stream, all held open until all echoed.
  async concurrentSessions(base, hash) {
    const started = performance.now();
    const transports = await Promise.all(Array.from({ length: 50 },
      (_, i) => connect(base, hash, `/features?scenario=echo&n=${i}`)));
    const echoes = await Promise.all(transports.map((t, i) => echoOnNewStream(t, `session ${i}`)));
    const ok = echoes.filter((e, i) => e === `session ${i}`).length;
    const millis = Math.round(performance.now() - started);
    transports.forEach((t) => t.close());
    return { sessions: transports.length, echoed: ok, millis };
  },

  // 1 MiB up on one bidirectional stream while its echo comes back on the same stream.
  async bulk(base, hash) {
    const transport = await connect(base, hash, '/features?scenario=echo&bulk=1');
    const size = 1024 * 1024;
    const data = new Uint8Array(size);
    for (let i = 0; i < size; i++) data[i] = (i * 31 + (i >>> 10)) & 0xff;
    const started = performance.now();
    const stream = await transport.createBidirectionalStream();
    const back = readAll(stream.readable);
    const writer = stream.writable.getWriter();
    for (let offset = 0; offset < size; offset += 16384) {
      await writer.write(data.subarray(offset, offset + 16384));
    }
    await writer.close();
    const echoed = await back;
    let mismatches = 0;
    for (let i = 0; i < size; i++) if (echoed[i] !== data[i]) mismatches++;
    const millis = Math.round(performance.now() - started);
    transport.close();
    return { sent: size, received: echoed.length, mismatches, millis };
  },
};

window.withTimeout = withTimeout;
