/* The mapper page (mapper.webmap): markers, the incident list, the filters and the URL hash,
   the affected regions, the density layer and the basemap labels, all drawn from one data object
   (mapper/webmap/payload.py documents it). Written for mapper; no third-party code.

   State in the URL hash: #from=YYYY-MM-DD&to=YYYY-MM-DD&kind=attack,diplomacy&type=...&weapon=...
   &q=...&sort=...&z=..&lat=..&lon=..  Opening the page with a hash shows that view; every change
   of a filter or of the view rewrites it (history.replaceState: no new history entries). */
function mapperPage(cfg) {
    'use strict';
    var map = cfg.map, P = cfg.data, S = P.strings, R = P.incidents, N = R.length, F = {};
    cfg.fields.forEach(function (name, i) { F[name] = i; });
    var group = cfg.incidents, DAY = 864e5;

    // ------------------------------------------------------------------ helpers
    function $(id) { return document.getElementById(id); }
    function unesc(s) {
        return String(s).replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
    }
    function fold(s) {  // lower case without accents (an ASCII text skips the slow normalisation)
        return (/[^\x00-\x7f]/.test(s) ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : s).toLowerCase();
    }
    function iso(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
    function dayOf(text) {
        var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
        if (!m) { return null; }
        var day = Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY);
        return iso(day) === text ? day : null;
    }
    function num(n) { return n.toLocaleString('en-US'); }
    function plural(n, one, many) { return num(n) + ' ' + (n === 1 ? one : many); }
    var raw = {};  // plain text of an escaped string, by its index
    function plain(k) { if (!(k in raw)) { raw[k] = unesc(S[k]); } return raw[k]; }

    function popupHtml(f) {
        var h = "<div class='mp'><div class='mp-h'>" + S[f[0]] + "</div><div class='mp-w'>" + S[f[1]] + "</div><table>";
        for (var i = 4; i < f.length; i += 2) { h += '<tr><th>' + S[f[i]] + '</th><td>' + S[f[i + 1]] + '</td></tr>'; }
        h += '</table>';
        if (S[f[2]]) { h += "<blockquote class='mp-ev'>" + S[f[2]] + '</blockquote>'; }
        if (S[f[3]]) { h += "<div class='mp-a'>" + S[f[3]] + '</div>'; }
        return h + '</div>';
    }
    function popupOptions() {
        return {maxWidth: 380, minWidth: 250, maxHeight: 360, autoPanPaddingTopLeft: [50, 120],
                autoPanPaddingBottomRight: [50, 30]};
    }

    // ------------------------------------------------------------------ markers
    var markers = new Array(N), vis = new Uint8Array(N);
    R.forEach(function (r, i) {
        var s = r[F.size], dx = r[F.dx], dy = r[F.dy];
        var html = P.symbols[r[F.symbol]] + (r[F.badge] ? '<span class="mk-n">' + num(r[F.badge]) + '</span>' : '');
        var icon = L.divIcon({
            html: html, className: 'mapper-mk mapper-' + P.kinds[r[F.kind]] + ' mapper-p' + r[F.precision],
            iconSize: [s, s], iconAnchor: [s / 2 - dx, s / 2 - dy], popupAnchor: [0, -s / 2], tooltipAnchor: [0, -s / 2]
        });
        var m = L.marker([r[F.lat], r[F.lon]], {icon: icon, riseOnHover: true, keyboard: true});
        m.bindPopup(function () { return popupHtml(r[F.popup]); }, popupOptions());
        m.bindTooltip(S[r[F.tooltip]], {direction: 'top'});
        m.on('popupopen', function () { select(i); });
        markers[i] = m;
    });
    if (cfg.places) {
        P.places.forEach(function (r) {
            var icon = L.divIcon({html: P.symbols[r[2]], className: 'mapper-mk mapper-place', iconSize: [12, 12]});
            var m = L.marker([r[0], r[1]], {icon: icon, keyboard: true});
            m.bindPopup(function () { return popupHtml(r[3]); }, popupOptions());
            m.bindTooltip(S[r[4]], {direction: 'top'});
            cfg.places.addLayer(m);
        });
    }

    // ------------------------------------------------------------------ clusters
    // The markers of the view are drawn one by one or, on a map of many incidents (cfg.cluster) below
    // its zoom disableAt, grouped per grid cell of the screen: a filter or a move costs one pass over
    // the incidents, whatever their number.
    var clusters = cfg.cluster, drawn = {}, MX = new Float64Array(N), MY = new Float64Array(N);
    R.forEach(function (r, i) {
        var s = Math.sin(Math.max(-85, Math.min(85, r[F.lat])) * Math.PI / 180);
        MX[i] = (r[F.lon] + 180) / 360;
        MY[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    });
    function cellOf(i, zoom) {
        var scale = 256 * Math.pow(2, zoom) / clusters.radius;
        return Math.floor(MX[i] * scale) + ':' + Math.floor(MY[i] * scale);
    }
    function sharesCell(i, zoom) {
        var cell = cellOf(i, zoom);
        for (var j = 0; j < N; j++) { if (j !== i && vis[j] && cellOf(j, zoom) === cell) { return true; } }
        return false;
    }
    // the groups are drawn as one piece of HTML in a pane of their own (hundreds of Leaflet markers
    // would cost more than the filter); a click on one zooms to its incidents
    var groupPane = map.createPane('mapper-groups'), groupsShown = [];
    groupPane.style.zIndex = 610;
    groupPane.addEventListener('click', function (ev) {
        var el = ev.target.closest ? ev.target.closest('.mapper-cl') : null;
        if (!el) { return; }
        var c = groupsShown[+el.getAttribute('data-k')], b = L.latLngBounds([c.s, c.w], [c.n2, c.e]);
        if (b.getNorth() - b.getSouth() < 1e-6 && b.getEast() - b.getWest() < 1e-6) { map.setView(b.getCenter(), clusters.disableAt); }
        else { map.fitBounds(b, {padding: [40, 40], maxZoom: clusters.disableAt}); }
    });
    L.DomEvent.disableClickPropagation(groupPane);
    map.on('zoomstart', function () { groupPane.style.visibility = 'hidden'; });
    map.on('zoomend', function () { groupPane.style.visibility = ''; });
    function drawGroups(cells) {
        var origin = map.getPixelOrigin(), html = [];
        cells.forEach(function (c, k) {
            var x = Math.round(c.x / c.n - origin.x), y = Math.round(c.y / c.n - origin.y), j = 0;
            var size = Math.round(26 + 8 * Math.log(c.n) / Math.LN10);
            c.kinds.forEach(function (n, i) { if (n > c.kinds[j]) { j = i; } });
            html.push('<div class="mapper-cl" data-k="' + k + '" title="' + num(c.n) + ' incidents: click to zoom in" style="width:' +
                size + 'px;height:' + size + 'px;transform:translate(' + (x - size / 2) + 'px,' + (y - size / 2) +
                'px)"><div style="background:' + P.kindColors[j] + '"><span>' + num(c.n) + '</span></div></div>');
        });
        groupsShown = cells;
        groupPane.innerHTML = html.join('');
    }
    function draw() {
        var on = map.hasLayer(group);
        var zoom = map.getZoom(), scale = 256 * Math.pow(2, zoom), pb = map.getPixelBounds();
        var padX = (pb.max.x - pb.min.x) / 4, padY = (pb.max.y - pb.min.y) / 4;
        var x0 = pb.min.x - padX, x1 = pb.max.x + padX, y0 = pb.min.y - padY, y1 = pb.max.y + padY;
        var grouping = clusters && zoom < clusters.disableAt;
        var want = {}, cells = new Map(), keys = [], r, i, width = Math.ceil(scale / (clusters ? clusters.radius : 1)) + 1;
        for (i = 0; on && i < N; i++) {
            if (!vis[i]) { continue; }
            var x = MX[i] * scale, y = MY[i] * scale;
            if (x < x0 || x > x1 || y < y0 || y > y1) { continue; }
            if (!grouping) { want[i] = true; continue; }
            var key = Math.floor(y / clusters.radius) * width + Math.floor(x / clusters.radius), c = cells.get(key);
            r = R[i];
            if (!c) {
                c = {n: 0, first: i, x: 0, y: 0, kinds: P.kinds.map(function () { return 0; }), s: 90, n2: -90, w: 180, e: -180};
                cells.set(key, c);
                keys.push(key);
            }
            c.n++; c.x += x; c.y += y; c.kinds[r[F.kind]]++;
            c.s = Math.min(c.s, r[F.lat]); c.n2 = Math.max(c.n2, r[F.lat]);
            c.w = Math.min(c.w, r[F.lon]); c.e = Math.max(c.e, r[F.lon]);
        }
        var several = [];
        keys.forEach(function (key) { var c = cells.get(key); if (c.n === 1) { want[c.first] = true; } else { several.push(c); } });
        Object.keys(drawn).forEach(function (k) { if (!want[k]) { group.removeLayer(markers[k]); delete drawn[k]; } });
        Object.keys(want).forEach(function (k) { if (!drawn[k]) { group.addLayer(markers[k]); drawn[k] = true; } });
        drawGroups(several);
    }
    map.on('moveend', draw);
    group.on('add remove', draw);

    // ------------------------------------------------------------------ the list
    var list = $('mapper-list');
    function tollText(r) {
        var k = r[F.killed], w = r[F.wounded], t = [];
        if (k === null && w === null) { return '<span class="ml-n ml-none">toll not stated</span>'; }
        if (k !== null) { t.push(num(k) + ' killed'); }
        if (w !== null) { t.push(num(w) + ' wounded'); }
        return r[F.trusted] ? '<span class="ml-n">' + t.join(' · ') + '</span>'
            : '<span class="ml-n ml-u" title="a running total: not used for sizes or totals">' + t.join(' · ') + ' *</span>';
    }
    // Every incident has its row element (hidden while the filter excludes it). The rows sit in blocks
    // of a hundred that the browser lays out only while on screen (content-visibility), each told the
    // height of its shown rows: showing or hiding 10,000 rows then costs a few milliseconds.
    function rowHtml(i) {
        var r = R[i], sub = S[r[F.sub_event_type]] || S[r[F.event_type]], where = S[r[F.where]];
        return '<div class="ml-r" role="listitem" tabindex="0" style="display:none;border-left-color:' + P.kindColors[r[F.kind]] +
            '" data-i="' + i + '" data-incident-id="' + r[F.id] + '"><b>' + S[r[F.place]] + '</b><span class="ml-d">' +
            (S[r[F.date]] || 'no date') + '</span><span class="ml-2">' + (where ? where + ' · ' : '') + P.kindWords[r[F.kind]][0] +
            (sub ? ' · ' + sub : '') + '</span>' + tollText(r) + '</div>';
    }
    var BLOCK = 100, html = [];
    for (var b0 = 0; b0 < N; b0 += BLOCK) {
        html.push('<div class="ml-b">');
        for (var i0 = b0; i0 < Math.min(N, b0 + BLOCK); i0++) { html.push(rowHtml(i0)); }
        html.push('</div>');
    }
    list.innerHTML = html.join('');
    var blocks = Array.prototype.slice.call(list.children), rowOf = Array.prototype.slice.call(list.querySelectorAll('.ml-r'));
    var order = R.map(function (r, i) { return i; }), ROW = 58;
    function relist() {  // each block's height: its shown rows
        for (var b = 0; b < blocks.length; b++) {
            var n = 0;
            for (var k = b * BLOCK; k < Math.min(N, (b + 1) * BLOCK); k++) { n += vis[order[k]]; }
            blocks[b].style.containIntrinsicSize = 'none ' + n * ROW + 'px';
        }
    }
    var selected = -1;
    function select(i) {
        if (selected >= 0) { rowOf[selected].classList.remove('ml-on'); }
        selected = i;
        rowOf[i].classList.add('ml-on');
        if (list.offsetParent !== null) { rowOf[i].scrollIntoView({block: 'nearest'}); }
    }
    function focusIncident(i) {
        var m = markers[i], opened = false;
        if (!vis[i]) { return; }
        if (!map.hasLayer(group)) { map.addLayer(group); }
        var zoom = Math.max(map.getZoom(), cfg.focusZoom);
        if (clusters && zoom < clusters.disableAt && sharesCell(i, zoom)) { zoom = clusters.disableAt; }
        function open() {
            if (opened) { return; }
            opened = true;
            if (!map.hasLayer(m)) { group.addLayer(m); drawn[i] = true; }
            m.openPopup();
        }
        if (map.getZoom() === zoom && map.getBounds().pad(-0.15).contains(m.getLatLng())) { open(); return; }
        map.once('moveend', open);
        map.flyTo(m.getLatLng(), zoom, {duration: 0.6});
        setTimeout(open, 2500);
    }
    function rowIndex(ev) {
        var li = ev.target.closest ? ev.target.closest('.ml-r') : null;
        return li ? +li.getAttribute('data-i') : -1;
    }
    list.addEventListener('click', function (ev) { var i = rowIndex(ev); if (i >= 0) { focusIncident(i); } });
    list.addEventListener('keydown', function (ev) {
        if (ev.key !== 'Enter' && ev.key !== ' ') { return; }
        var i = rowIndex(ev);
        if (i >= 0) { ev.preventDefault(); focusIncident(i); }
    });

    var sorters = {
        'new': null,
        'old': function (a, b) {
            var x = R[a][F.day], y = R[b][F.day];
            if (x === null || y === null) { return (x === null) - (y === null) || a - b; }
            return x - y || a - b;
        },
        'toll': function (a, b) {
            function t(r) { return r[F.trusted] ? (r[F.killed] || 0) + (r[F.wounded] || 0) : -1; }
            return t(R[b]) - t(R[a]) || a - b;
        },
        'place': function (a, b) { return plain(R[a][F.place]).localeCompare(plain(R[b][F.place])) || a - b; }
    };
    var sortedBy = 'new';
    function sortList() {
        if (st.sort === sortedBy) { return; }
        order = R.map(function (r, i) { return i; });
        if (sorters[st.sort]) { order.sort(sorters[st.sort]); }
        order.forEach(function (i, k) { blocks[Math.floor(k / BLOCK)].appendChild(rowOf[i]); });
        sortedBy = st.sort;
    }

    // ------------------------------------------------------------------ filters
    var st = {from: null, to: null, kinds: null, type: '', weapon: '', q: '', sort: 'new'};
    var weaponIndex = {};
    P.weapons.forEach(function (w, i) { weaponIndex[w[0]] = i; });
    var hay = null;
    function haystack() {
        if (!hay) {
            hay = R.map(function (r) {
                var t = [r[F.id]];
                r[F.popup].forEach(function (k) { t.push(S[k]); });
                return fold(unesc(t.join(' ')));
            });
        }
        return hay;
    }
    var kindOn = null, wantWeapon = -1, words = null;
    function passes(i, withDates) {
        var r = R[i];
        if (kindOn && !kindOn[r[F.kind]]) { return false; }
        if (withDates && (st.from !== null || st.to !== null)) {
            var d = r[F.day];
            if (d === null || (st.from !== null && d < st.from) || (st.to !== null && d > st.to)) { return false; }
        }
        if (st.type && plain(r[F.event_type]) !== st.type && plain(r[F.sub_event_type]) !== st.type) { return false; }
        if (wantWeapon !== -1 && r[F.weapons].indexOf(wantWeapon) < 0) { return false; }
        if (words) {
            var h = hay[i];
            for (var j = 0; j < words.length; j++) { if (h.indexOf(words[j]) < 0) { return false; } }
        }
        return true;
    }

    var undatedHidden = 0, shownCount = 0, lastMs = 0;
    function apply() {
        var t0 = performance.now();
        words = st.q ? fold(st.q).split(/\s+/).filter(Boolean) : null;
        if (words && words.length) { haystack(); } else { words = null; }
        kindOn = st.kinds ? P.kinds.map(function (k) { return st.kinds.indexOf(k) >= 0; }) : null;
        wantWeapon = st.weapon ? (st.weapon in weaponIndex ? weaponIndex[st.weapon] : -2) : -1;
        var ranged = st.from !== null || st.to !== null, changed = [];
        undatedHidden = 0;
        shownCount = 0;
        for (var i = 0; i < N; i++) {
            var v = passes(i, true) ? 1 : 0;
            if (!v && ranged && R[i][F.day] === null && passes(i, false)) { undatedHidden++; }
            shownCount += v;
            if (v !== vis[i]) { changed.push(i); vis[i] = v; }
        }
        draw();  // before the list changes: Leaflet reads the layout, which is still clean here
        for (var k = 0; k < changed.length; k++) { rowOf[changed[k]].style.display = vis[changed[k]] ? '' : 'none'; }
        sortList();
        relist();
        totals();
        regions();
        heat();
        if (labelsOn) { drawLabels(); }
        controls();
        writeHash();
        lastMs = performance.now() - t0;
    }

    // ------------------------------------------------------------------ header totals
    function totals() {
        var counts = P.kinds.map(function () { return 0; }), n = 0, first = null, last = null;
        var killed = 0, wounded = 0, stated = 0, running = 0;
        for (var i = 0; i < N; i++) {
            if (!vis[i]) { continue; }
            var r = R[i], d = r[F.day];
            n++;
            counts[r[F.kind]]++;
            if (d !== null) { first = first === null ? d : Math.min(first, d); last = last === null ? d : Math.max(last, d); }
            if (r[F.trusted]) { stated++; killed += r[F.killed] || 0; wounded += r[F.wounded] || 0; }
            else if (r[F.killed] !== null || r[F.wounded] !== null) { running++; }
        }
        var parts = [];
        counts.forEach(function (c, k) { if (c) { parts.push(num(c) + ' ' + unesc(P.kindWords[k][c === 1 ? 0 : 1])); } });
        var line = (n === N ? plural(N, 'incident', 'incidents') : num(n) + ' of ' + plural(N, 'incident', 'incidents')) +
            (parts.length ? ': ' + parts.join(' · ') : '');
        if (first !== null) { line += ' · ' + (first === last ? iso(first) : iso(first) + ' \u2013 ' + iso(last)); }
        var toll = stated ? num(killed) + ' killed · ' + num(wounded) + ' wounded, stated in ' + plural(stated, 'incident', 'incidents')
            : 'no toll stated';
        if (running) { toll += ' (' + plural(running, 'running total', 'running totals') + ' left out)'; }
        $('mapper-sum').textContent = line;
        $('mapper-toll').textContent = toll;
        $('mapper-count').textContent = n === N ? num(N) + ' shown' : num(n) + ' of ' + num(N) + ' shown';
    }

    // ------------------------------------------------------------------ affected regions
    var regionLayers = [], regionStats = [];
    if (P.regions && cfg.regions) {
        L.geoJSON(P.regions, {
            pane: 'regions',
            onEachFeature: function (feature, layer) {
                var k = regionLayers.length;
                regionLayers.push(layer);
                layer.bindTooltip(function () {
                    var s = regionStats[k] || [0, 0, 0, 0];
                    return '<b>' + feature.properties.name + '</b><br>Incidents: ' + num(s[0]) + ' (' + plural(s[1], 'attack', 'attacks') +
                        ')<br>Killed: ' + num(s[2]) + ' · wounded: ' + num(s[3]) + ' <small>(stated)</small>';
                }, {sticky: true});
            }
        }).addTo(cfg.regions);
    }
    function regionColor(n) {
        var rs = P.regionStyle, k = -1;
        rs.breaks.forEach(function (b) { if (n >= b) { k++; } });
        return rs.colors[Math.max(0, Math.min(k, rs.colors.length - 1))];
    }
    function regions() {
        if (!regionLayers.length) { return; }
        regionStats = regionLayers.map(function () { return [0, 0, 0, 0]; });
        for (var i = 0; i < N; i++) {
            var g = R[i][F.region];
            if (!vis[i] || g < 0) { continue; }
            var s = regionStats[g], r = R[i];
            s[0]++;
            if (P.kinds[r[F.kind]] === 'attack') { s[1]++; }
            if (r[F.trusted]) { s[2] += r[F.killed] || 0; s[3] += r[F.wounded] || 0; }
        }
        var rs = P.regionStyle;
        regionLayers.forEach(function (layer, k) {
            var n = regionStats[k][0];
            layer.setStyle({fillColor: regionColor(n), color: rs.line, weight: n ? 1 : 0, opacity: n ? 1 : 0,
                            fillOpacity: n ? rs.opacity : 0});
        });
    }

    // ------------------------------------------------------------------ density
    var heatLayer = cfg.heat, heatStale = true;
    function heat() {
        if (!heatLayer) { return; }
        if (!map.hasLayer(heatLayer)) { heatStale = true; return; }
        var pts = [];
        for (var i = 0; i < N; i++) { if (vis[i]) { pts.push([R[i][F.lat], R[i][F.lon], 1]); } }
        heatLayer.setLatLngs(pts);
        heatStale = false;
    }
    if (heatLayer) { heatLayer.on('add', function () { if (heatStale) { setTimeout(heat, 0); } }); }

    // ------------------------------------------------------------------ labels
    var labelPane = map.createPane('mapper-labels'), labelsOn = false;
    labelPane.style.zIndex = 450;
    labelPane.style.pointerEvents = 'none';
    // the width of a name as drawn (canvas text metrics, the fonts of map.css .mlb-0 ... .mlb-3)
    var FONTS = ['600 11px system-ui, Arial, sans-serif', 'italic 10.5px system-ui, Arial, sans-serif',
                 '11.5px system-ui, Arial, sans-serif', '700 12px system-ui, Arial, sans-serif'];
    var H = 15, CELL = 64, widths = {}, ruler = document.createElement('canvas').getContext('2d');
    function textWidth(name, cls) {
        var key = cls + name;
        if (!(key in widths)) {
            var text = unesc(name);
            ruler.font = FONTS[cls];
            widths[key] = cls === 0 ? ruler.measureText(text.toUpperCase()).width + 0.88 * text.length : ruler.measureText(text).width;
        }
        return widths[key];
    }
    function drawLabels() {
        if (!labelsOn) { labelPane.innerHTML = ''; return; }
        var z = map.getZoom(), bounds = map.getBounds().pad(0.15), grid = {}, html = [], count = 0;
        function take(x0, y0, x1, y1) {
            for (var cx = Math.floor(x0 / CELL); cx <= Math.floor(x1 / CELL); cx++) {
                for (var cy = Math.floor(y0 / CELL); cy <= Math.floor(y1 / CELL); cy++) {
                    (grid[cx + ':' + cy] = grid[cx + ':' + cy] || []).push([x0, y0, x1, y1]);
                }
            }
        }
        function free(x0, y0, x1, y1) {  // true, and the box taken, when it overlaps nothing taken
            var cx0 = Math.floor(x0 / CELL), cx1 = Math.floor(x1 / CELL), cy0 = Math.floor(y0 / CELL), cy1 = Math.floor(y1 / CELL), cx, cy, k;
            for (cx = cx0; cx <= cx1; cx++) {
                for (cy = cy0; cy <= cy1; cy++) {
                    var boxes = grid[cx + ':' + cy] || [];
                    for (k = 0; k < boxes.length; k++) {
                        var b = boxes[k];
                        if (x0 < b[2] && x1 > b[0] && y0 < b[3] && y1 > b[1]) { return false; }
                    }
                }
            }
            take(x0, y0, x1, y1);
            return true;
        }
        if (map.hasLayer(group)) {  // the markers and groups drawn take their room first: no name under a marker
            var origin = map.getPixelOrigin(), scale = 256 * Math.pow(2, z);
            Object.keys(drawn).forEach(function (k) {
                var r = R[k], half = r[F.size] / 2, mx = MX[k] * scale - origin.x + r[F.dx], my = MY[k] * scale - origin.y + r[F.dy];
                take(mx - half, my - half, mx + half, my + half);
            });
            groupsShown.forEach(function (c) {
                var half = (26 + 8 * Math.log(c.n) / Math.LN10) / 2 + 4, gx = c.x / c.n - origin.x, gy = c.y / c.n - origin.y;
                take(gx - half, gy - half, gx + half, gy + half);
            });
        }
        var marked = {};  // the towns with an incident shown
        for (var j = 0; j < N; j++) { if (vis[j]) { marked[R[j][F.geonameid]] = true; } }
        for (var i = 0; i < P.labels.length && count < cfg.maxLabels; i++) {
            var l = P.labels[i], cls = l[3];
            if (cls === 3 && !marked[l[6]]) { cls = 2; }  // its incidents hidden: a town like the others
            if (l[4] > z || !bounds.contains([l[0], l[1]])) { continue; }
            var p = map.latLngToLayerPoint([l[0], l[1]]), w = textWidth(l[2], cls), x = Math.round(p.x), y = Math.round(p.y);
            var top = y - H / 2 - 2, bottom = y + H / 2 + 2, style = null, side = '';
            if (cls <= 1) {  // an area: its name centred on its point
                if (free(x - w / 2 - 3, top, x + w / 2 + 3, bottom)) {
                    style = 'transform:translate(' + x + 'px,' + y + 'px) translate(-50%,-50%)';
                }
            } else {  // a town: its name right of its dot (8px: the dot) or marker (l[5]), else left of it
                var near = cls === 2 ? -4 : l[5], far = near + w + (cls === 2 ? 8 : 0);
                if (free(x + near - 2, top, x + far + 3, bottom)) {
                    style = 'transform:translate(' + (x + near) + 'px,' + y + 'px) translateY(-50%)';
                } else if (free(x - far - 3, top, x - near + 2, bottom)) {
                    style = 'transform:translate(' + (x - near) + 'px,' + y + 'px) translate(-100%,-50%)';
                    side = ' mlb-l';
                }
            }
            if (style === null) { continue; }
            html.push('<div class="mlb mlb-' + cls + side + '" style="' + style + '">' + l[2] + '</div>');
            count++;
        }
        labelPane.innerHTML = html.join('');
    }
    if (cfg.labels) {
        cfg.labels.on('add', function () { labelsOn = true; drawLabels(); });
        cfg.labels.on('remove', function () { labelsOn = false; drawLabels(); });
        labelsOn = map.hasLayer(cfg.labels);
        map.on('zoomstart', function () { labelPane.style.visibility = 'hidden'; });
        map.on('zoomend', function () { labelPane.style.visibility = ''; });
        map.on('moveend viewreset', drawLabels);
    }

    // ------------------------------------------------------------------ controls
    var dates = $('mapper-dates'), lo = $('mapper-lo'), hi = $('mapper-hi'), from = $('mapper-from'), to = $('mapper-to');
    function controls() {
        if (dates) {
            lo.value = st.from === null ? P.days[0] : Math.max(P.days[0], Math.min(P.days[1], st.from));
            hi.value = st.to === null ? P.days[1] : Math.max(P.days[0], Math.min(P.days[1], st.to));
            from.value = st.from === null ? '' : iso(st.from);
            to.value = st.to === null ? '' : iso(st.to);
        }
        Array.prototype.forEach.call($('mapper-kinds').querySelectorAll('input'), function (box) {
            box.checked = !st.kinds || st.kinds.indexOf(box.value) >= 0;
        });
        $('mapper-type').value = st.type;
        $('mapper-weapon').value = st.weapon;
        if ($('mapper-q').value !== st.q) { $('mapper-q').value = st.q; }
        $('mapper-sort').value = st.sort;
        var note = $('mapper-undated');
        note.hidden = !undatedHidden;
        note.textContent = undatedHidden ? plural(undatedHidden, 'incident', 'incidents') + ' without a date ' +
            (undatedHidden === 1 ? 'is' : 'are') + ' hidden while a date range is set.' : '';
    }
    function setRange(a, b) { st.from = a; st.to = b; apply(); }
    var timer = null, play = $('mapper-play');
    function stop() { clearInterval(timer); timer = null; if (play) { play.textContent = '\u25B6 Play by week'; } }
    if (dates) {
        lo.addEventListener('input', function () {
            var a = +lo.value, b = +hi.value;
            if (a > b) { lo.value = a = b; }
            stop();
            setRange(a <= P.days[0] ? null : a, st.to);
        });
        hi.addEventListener('input', function () {
            var a = +lo.value, b = +hi.value;
            if (b < a) { hi.value = b = a; }
            stop();
            setRange(st.from, b >= P.days[1] ? null : b);
        });
        from.addEventListener('change', function () { stop(); setRange(dayOf(from.value), st.to); });
        to.addEventListener('change', function () { stop(); setRange(st.from, dayOf(to.value)); });
        $('mapper-alldates').addEventListener('click', function () { stop(); setRange(null, null); });
        play.addEventListener('click', function () {
            if (timer) { stop(); return; }
            var start = st.from !== null && st.from <= P.days[1] ? Math.max(st.from, P.days[0]) : P.days[0];
            if (st.from !== null && st.to !== null && st.to - st.from === 6) { start = st.from + 7; }
            if (start > P.days[1]) { start = P.days[0]; }
            setRange(start, start + 6);
            play.textContent = '\u275A\u275A Pause';
            timer = setInterval(function () {
                var next = st.from + 7;
                if (next > P.days[1]) { stop(); return; }
                setRange(next, next + 6);
            }, cfg.stepMs);
        });
    }
    $('mapper-kinds').addEventListener('change', function () {
        var on = [];
        Array.prototype.forEach.call($('mapper-kinds').querySelectorAll('input'), function (box) { if (box.checked) { on.push(box.value); } });
        st.kinds = on.length === P.kinds.length ? null : on;
        apply();
    });
    $('mapper-type').addEventListener('change', function () { st.type = $('mapper-type').value; apply(); });
    $('mapper-weapon').addEventListener('change', function () { st.weapon = $('mapper-weapon').value; apply(); });
    $('mapper-sort').addEventListener('change', function () { st.sort = $('mapper-sort').value; apply(); });
    var typing = null;
    $('mapper-q').addEventListener('input', function () {
        clearTimeout(typing);
        typing = setTimeout(function () { st.q = $('mapper-q').value.trim(); apply(); }, 150);
    });
    var panel = $('mapper-panel'), foldButton = $('mapper-fold');
    foldButton.addEventListener('click', function () {
        var shut = panel.classList.toggle('mp-folded');
        foldButton.setAttribute('aria-expanded', String(!shut));
    });
    if (window.matchMedia && window.matchMedia('(max-width: 760px)').matches) {
        panel.classList.add('mp-folded');
        foldButton.setAttribute('aria-expanded', 'false');
    }
    L.DomEvent.disableScrollPropagation(panel);

    // ------------------------------------------------------------------ the URL hash
    var written = null;
    function readHash() {
        var h = {};
        location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
            if (!kv) { return; }
            var k = kv.indexOf('='), key = k < 0 ? kv : kv.slice(0, k), value = k < 0 ? '' : kv.slice(k + 1);
            try { h[decodeURIComponent(key)] = decodeURIComponent(value.replace(/\+/g, ' ')); } catch (e) { /* a malformed pair */ }
        });
        return h;
    }
    function fromHash(h) {
        st.from = dayOf(h.from);
        st.to = dayOf(h.to);
        st.kinds = 'kind' in h ? h.kind.split(',').filter(Boolean) : null;
        if (st.kinds && P.kinds.every(function (k) { return st.kinds.indexOf(k) >= 0; })) { st.kinds = null; }
        st.type = h.type || '';
        st.weapon = h.weapon || '';
        st.q = (h.q || '').trim();
        st.sort = h.sort in sorters ? h.sort : 'new';
        var z = parseFloat(h.z), lat = parseFloat(h.lat), lon = parseFloat(h.lon);
        if (isFinite(z) && isFinite(lat) && isFinite(lon) && Math.abs(lat) <= 90) {
            map.setView([lat, lon], Math.round(z), {animate: false});
            return true;
        }
        return false;
    }
    function enc(s) { return encodeURIComponent(s).replace(/%2C/gi, ','); }
    function followHash() {  // the hash the reader set (or edited) decides the view
        written = location.hash;
        stop();
        fromHash(readHash());
        apply();
    }
    function writeHash() {
        if (written !== null && location.hash !== written) {
            followHash();  // edited by hand and its hashchange not yet run (a fly or a search ended first): it wins
            return;
        }
        var parts = [];
        if (st.from !== null) { parts.push('from=' + iso(st.from)); }
        if (st.to !== null) { parts.push('to=' + iso(st.to)); }
        if (st.kinds) { parts.push('kind=' + st.kinds.map(encodeURIComponent).join(',')); }
        if (st.type) { parts.push('type=' + enc(st.type)); }
        if (st.weapon) { parts.push('weapon=' + enc(st.weapon)); }
        if (st.q) { parts.push('q=' + enc(st.q)); }
        if (st.sort !== 'new') { parts.push('sort=' + st.sort); }
        var c = map.getCenter();
        parts.push('z=' + map.getZoom(), 'lat=' + c.lat.toFixed(4), 'lon=' + c.lng.toFixed(4));
        written = '#' + parts.join('&');
        if (written !== location.hash) {
            try { history.replaceState(null, '', written); } catch (e) { location.replace(written); }
            written = location.hash;  // as the browser spells it, so that only a reader's edit differs
        }
    }
    window.addEventListener('hashchange', function () {
        if (location.hash !== written) { followHash(); }
    });
    map.on('moveend', function () { writeHash(); });

    // ------------------------------------------------------------------ start
    if (!fromHash(readHash()) && cfg.fit) {  // the opening view, at once (no animation a click could cut short)
        map.fitBounds(cfg.fit.bounds, {paddingTopLeft: cfg.fit.paddingTopLeft, paddingBottomRight: cfg.fit.paddingBottomRight,
                                       maxZoom: cfg.fit.maxZoom, animate: false});
    }
    apply();
    if (labelsOn) { drawLabels(); }
    setTimeout(haystack, 50);  // the search index, made once the page is up
    window.mapper = {  // for readers' scripts and the tests
        apply: function () { apply(); return lastMs; },
        state: st,
        shown: function () { return Array.prototype.reduce.call(vis, function (a, b) { return a + b; }, 0); },
        lastMs: function () { return lastMs; },
        focus: focusIncident
    };
}
