// Renders the decision graph's mermaid source in the webview (mermaid ships inside the .vsix: no
// network at run time). data-rendered tells tests and readers whether the SVG is there.
(async () => {
  const dark = document.body.classList.contains("vscode-dark") || document.body.classList.contains("vscode-high-contrast");
  window.mermaid.initialize({ startOnLoad: false, theme: dark ? "dark" : "default", securityLevel: "strict", flowchart: { useMaxWidth: false } });
  try {
    await window.mermaid.run({ querySelector: ".mermaid" });
    document.body.dataset.rendered = document.querySelector(".mermaid svg") ? "svg" : "none";
  } catch (e) {
    document.body.dataset.rendered = "error";
    const p = document.createElement("p");
    p.textContent = `The graph did not render: ${e && e.message ? e.message : e}`;
    document.body.prepend(p);
  }
})();
