// references: fetch, globalThis, setTimeout, text, url, window
async function (sql, Plot, Arrow, numbersOf, rowsOf, scoring, fetch, globalThis, setTimeout, text, url, window) { "use strict"; {
const m = new Map([['a', Math.max(1, 2)]]);
const parsed = JSON.parse(text) ;
const arr = Float64Array.from([1, 2, 3]).map((v) => v * Number.EPSILON);
const when = new Date(Date.UTC(2024, 0, 1));
const fmt = new Intl.NumberFormat('zh-CN').format(1234.5);
console.log(m, parsed, arr, when, fmt, Arrow.tableFromArrays, Plot.dot, rowsOf, undefined, NaN, Infinity);
await Promise.all([fetch(url), setTimeout, window, globalThis]);   // not allowed: these are references
return arguments.length;

}}
