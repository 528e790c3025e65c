-- A real editor as the language server's client: headless Neovim (0.7+) opens a policy, waits for
-- the analysis diagnostic, applies a quick fix and formats a scrambled file. The Java test
-- (NeovimClientTest) reads what this script writes to $MAPL_OUT and the files it saved.
local jar = os.getenv("MAPL_JAR")
local java = os.getenv("MAPL_JAVA")
local root = os.getenv("MAPL_ROOT")
local out = os.getenv("MAPL_OUT")
local results = {}
local function log(key, value)
  table.insert(results, key .. "=" .. tostring(value))
  vim.fn.writefile(results, out)
end

local client_id = vim.lsp.start_client({
  name = "mapl",
  cmd = { java, "-Xmx1g", "-jar", jar },
  root_dir = root,
})
log("client", client_id ~= nil)

local function open(name)
  vim.cmd("edit " .. root .. "/" .. name)
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  return buf
end

local function wait_diagnostic(buf, pattern)
  local found = nil
  vim.wait(120000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.message:find(pattern, 1, true) then
        found = d
        return true
      end
    end
    return false
  end, 100)
  return found
end

-- 1. the I-MTE refutation, on Jason's invariant line
local jason = open("thread-jason.mapl")
local imte = wait_diagnostic(jason, "i_mte")
log("imte_line", imte and (imte.lnum + 1) or "none")
log("imte_message", imte and imte.message:gsub("\n", " | ") or "none")

-- 2. a did-you-mean quick fix, applied through Neovim's own workspace-edit code
local typo = open("typo.mapl")
local d = wait_diagnostic(typo, "VM_PFNMA")
if d then
  local lsp_diag = {
    range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
    message = d.message,
    severity = d.severity,
    code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or nil,
    data = d.user_data and d.user_data.lsp and d.user_data.lsp.data or nil,
  }
  local client = vim.lsp.get_client_by_id(client_id)
  local response = client.request_sync("textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(typo) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }, 60000, typo)
  local applied = false
  for _, action in ipairs((response and response.result) or {}) do
    if not applied and action.edit and action.title:find("VM_PFNMAP", 1, true) then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      applied = true
    end
  end
  log("fix_applied", applied)
  vim.cmd("write")
end

-- 3. formatting a scrambled file, with Neovim's own tab settings in the way
local scrambled = open("scrambled.mapl")
vim.bo[scrambled].expandtab = false
vim.bo[scrambled].shiftwidth = 8
vim.bo[scrambled].tabstop = 8
vim.wait(60000, function()
  local c = vim.lsp.get_client_by_id(client_id)
  return c ~= nil and c.initialized
end, 100)
if vim.lsp.buf.format then
  vim.lsp.buf.format({ timeout_ms = 60000 })
else
  vim.lsp.buf.formatting_sync(nil, 60000)
end
vim.cmd("write")
log("formatted", true)
log("done", true)
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 100)
vim.cmd("qall!")
