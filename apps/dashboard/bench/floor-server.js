// The floor of the dashboard server benchmark: a bare `http.createServer` answering each
// path with the very bytes and encoding the dashboard served for it, looked up in a Map
// (no routing, no data, no negotiation). What any Node server costs on this machine now.
//
//   node floor-server.js <dashboard URL> <JSON array of paths>   → prints {"url": …}
import { createServer, request } from 'node:http';

const [source, list] = process.argv.slice(2);
const ACCEPT = 'gzip, deflate, br';
const fetchRaw = (url) =>
  new Promise((done, fail) => {
    request(url, { headers: { 'accept-encoding': ACCEPT } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ type: res.headers['content-type'], encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
    })
      .on('error', fail)
      .end();
  });
const bodies = new Map();
for (const path of JSON.parse(list)) bodies.set(new URL(path, source).pathname + new URL(path, source).search, await fetchRaw(new URL(path, source)));
const server = createServer((req, res) => {
  const body = bodies.get(req.url);
  if (!body) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': body.type, ...(body.encoding ? { 'Content-Encoding': body.encoding } : {}), 'Content-Length': body.bytes.length });
  res.end(body.bytes);
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/` })));
