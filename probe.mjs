import Worker from 'web-worker';
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node.cjs');
const path = await import('path');
const d = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node.cjs'));
const t0 = Date.now();
const worker = new Worker(d + '/duckdb-node-eh.worker.cjs');
const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
await db.instantiate(d + '/duckdb-eh.wasm');
await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
const c = await db.connect();
console.log('started', Date.now() - t0);
await c.query("SET autoinstall_known_extensions=false; SET autoload_known_extensions=false");
try { const r = await c.send("create table a as select 1 x; select * from a"); const b=[]; for await (const x of r) b.push(x); console.log('multi ok', b.length, b[0]?.numRows); } catch (e) { console.log('multi err', e.message); }
const r0 = await c.send("select 1 x where false"); console.log('schema', r0.schema?.fields.map(f=>f.name)); for await (const x of r0) console.log('batch', x.numRows);
let t1 = Date.now();
const p = c.send("select count(*) from range(1000000000) a, range(100) b where a.range+b.range = -1");
setTimeout(async () => { console.log('cancel', await c.cancelSent(), Date.now()-t1); }, 300);
try { const r = await p; for await (const x of r) console.log(x.numRows); } catch (e) { console.log('cancelled err', e.message, Date.now()-t1); }
try { const r = await c.query("select 42 y, DATE '2024-03-05' d, TIMESTAMP '2024-03-05 10:00:00' ts, 12.5::DECIMAL(10,2) dd, 7::BIGINT bi, 3::TINYINT ti"); console.log(r.schema.fields.map(f=>f.name+':'+f.type), r.get(0).toJSON()); } catch(e) { console.log('after', e.message); }
const st = await c.prepare("select ?::VARCHAR a, ? + 1 b, ? c");
const r2 = await st.query('x', 41, true); console.log(r2.get(0).toJSON(), r2.schema.fields.map(f=>f.name+':'+f.type));
await c.close(); await db.terminate(); worker.terminate?.();
