// Sales files the e2e tests import: deterministic, with the totals the page must show.

/** Windows-1251 bytes of a text with Russian letters (what Russian Excel writes as "CSV"). */
export function cp1251(text) {
  const out = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(0xc0 + c - 0x410);
    else if (c === 0x401) out.push(0xa8);
    else if (c === 0x451) out.push(0xb8);
    else if (c === 0x2116) out.push(0xb9);
    else throw new Error(`no cp1251 byte for ${ch}`);
  }
  return Buffer.from(out);
}

/** A deterministic pseudo-random sequence (the same file every run). */
export function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const pad = (n) => String(n).padStart(2, '0');

/**
 * Sales of `clients` clients over 2024-01 .. 2025-06, drawn the way the forecast's models
 * describe a base, so that a fit on them is sound: each client has a purchase rate of their
 * own (some buy monthly, some twice a year), may stop after any purchase, and has a check of
 * their own that each purchase varies around. Returns the rows (client, day, month, year,
 * amount in kopecks) and the expected totals.
 */
export function sales(clients, seed = 7) {
  const rand = lcg(seed);
  const rows = [];
  const days = 18 * 28;
  for (let c = 1; c <= clients; c++) {
    const perDay = (0.3 + 3 * rand() ** 2) / 28;
    const drop = 0.02 + 0.6 * rand() ** 1.5;
    const check = 1_000 + 40_000 * rand() ** 2;
    // The first purchase in the first year, on a day of a 28-day month.
    let t = Math.floor(rand() * 12 * 28);
    for (;;) {
      const month = Math.floor(t / 28);
      const kopecks = Math.round(check * (0.6 + 0.8 * rand()) * 100);
      rows.push({ client: c, day: 1 + (t % 28), month: (month % 12) + 1, year: 2024 + Math.floor(month / 12), kopecks });
      if (rand() < drop) break;
      t += 1 + Math.floor(-Math.log(1 - rand()) / perDay);
      if (t >= days) break;
    }
  }
  const revenue = rows.reduce((s, r) => s + r.kopecks, 0) / 100;
  return { rows, revenue, clients: new Set(rows.map((r) => r.client)).size };
}

/** The Russian Excel file: cp1251, `;`, decimal comma, dd.mm.yyyy, three rows it must refuse. */
export function russianExcelFile(data) {
  const lines = ['Клиент;Дата;Сумма;Менеджер'];
  for (const r of data.rows) {
    const amount = `${Math.floor(r.kopecks / 100)},${pad(r.kopecks % 100)}`;
    lines.push(`ООО Клиент ${r.client};${pad(r.day)}.${pad(r.month)}.${r.year};${amount};Петров`);
  }
  lines.push('ООО Клиент 1;31.02.2024;100,00;Петров');
  lines.push('ООО Клиент 2;15.03.2024;-500,00;Петров');
  lines.push('ООО Клиент 3;15.03.2024;сто;Петров');
  return cp1251(lines.join('\r\n') + '\r\n');
}

