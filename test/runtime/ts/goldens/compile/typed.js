// references: cutoffs, defaultLimit, definitely, indicators, maybe, weights
async function (sql, Plot, Arrow, numbersOf, rowsOf, scoring, cutoffs, defaultLimit, definitely, indicators, maybe, weights) { "use strict"; {


var Band; (function (Band) { const Low = 0; Band[Band["Low"] = Low] = "Low"; const High = Low + 1; Band[Band["High"] = High] = "High"; })(Band || (Band = {}));
           // typing an input: cutoffs stays a reference
const w = weights ;
const t = indicators;
function first(items) { return items[0]; }
const tiers = new Map();
const x = (maybe )?.v ?? 0;
const y = definitely.value ;
class Box {  item; constructor( limit = defaultLimit) {;this.limit = limit;} }
return { w, t, first: first(cutoffs), tiers, x, y, band: Band.High, box: new Box() };

}}
