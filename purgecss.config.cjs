// The part of Oscar's stock stylesheet (Bootstrap 4.6 and Font Awesome, 283 KB) that the
// customer pages use: static/css/shop-base.css, made by `make shop-css` (issue #16).
// Content: every template, script and Python module that may write a class on a customer
// page. Font Awesome goes entirely (its icons are drawn by css/site.css where they matter);
// the staff dashboard keeps Oscar's own stylesheets.
const oscar = process.env.OSCAR_DIR;

module.exports = {
  css: [`${oscar}/static/oscar/css/styles.css`],
  content: [
    "portal/templates/**/*.html",
    "catalog/**/templates/**/*.html",
    "aftersales/templates/**/*.html",
    "membership/templates/**/*.html",
    "cms/templates/**/*.html",
    "static/js/*.js",
    "{portal,catalog,aftersales,membership,cms}/**/*.py",
    `${oscar}/templates/oscar/!(dashboard)/**/*.html`,
    `${oscar}/templates/oscar/*.html`,
    `${oscar}/apps/!(dashboard)/**/*.py`,
    `${oscar}/forms/**/*.py`,
    `${oscar}/static/oscar/js/oscar/ui.js`,
    `${oscar}/static/oscar/js/bootstrap4/bootstrap.bundle.js`,
  ],
  safelist: {
    standard: [
      /^alert-(success|info|warning|danger|debug)$/,
      /^(show|active|disabled|fade|collapse|collapsing|is-invalid|is-valid|was-validated)$/,
    ],
    greedy: [/^carousel-item/, /^modal/, /^custom-/],
  },
  blocklist: ["fa", "fas", "far", "fab", "fal", "fad", /^fa-/],
  fontFace: true,
  keyframes: true,
  variables: false,
  rejected: false,
};
