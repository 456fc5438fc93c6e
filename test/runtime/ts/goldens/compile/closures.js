// references: base, names, prefix, scale, start, step
async function (sql, Plot, Arrow, numbersOf, rowsOf, scoring, base, names, prefix, scale, start, step) { "use strict"; {
const counter = makeCounter();
function makeCounter() {
  let count = start;
  return () => { count += step; return count + later; };
}
const later = 1;                          // declared after use: still a local
const handlers = names.map((name) => () => `${prefix}${name}`);
class Scorer { constructor(  factor) {;this.factor = factor;} score(v) { return v * this.factor * scale; } }
return [counter(), handlers, new Scorer(2).score(base)];

}}
