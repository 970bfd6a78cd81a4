-- Headless Neovim as the client of `cc-lint lsp` (run by tests/lsp_neovim.rs):
-- opens the payload, waits for the expected diagnostic, applies its preferred
-- quick fix through Neovim's own code action and workspace edit machinery,
-- waits for the diagnostic to be gone, and writes the buffer.
-- Written for Neovim 0.7 (Debian bookworm): vim.lsp.start_client and
-- vim.lsp.buf_attach_client, which later versions keep, and no helper whose
-- signature changed since.
-- Reads CC_LINT, PAYLOAD, EXPECT_RULE, EXPECT_LINE (0-based), KEEP_RULE and
-- RESULT (a file the outcome is written to) from the environment.

local function finish(ok, message)
  local out = io.open(os.getenv("RESULT"), "w")
  out:write((ok and "PASS: " or "FAIL: ") .. message .. "\n")
  out:close()
  if ok then vim.cmd("qall!") else vim.cmd("cquit 1") end
end

local function code_of(diagnostic)
  if diagnostic.code then return diagnostic.code end
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp
  return lsp and lsp.code
end

local function run()
  local payload = os.getenv("PAYLOAD")
  local rule = os.getenv("EXPECT_RULE")
  local line = tonumber(os.getenv("EXPECT_LINE"))
  local keep = os.getenv("KEEP_RULE")

  vim.cmd("edit " .. vim.fn.fnameescape(payload))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "cc-lint",
    cmd = { os.getenv("CC_LINT"), "lsp" },
    root_dir = vim.fn.fnamemodify(payload, ":h"),
  })
  if not client_id then return finish(false, "the client did not start") end
  vim.lsp.buf_attach_client(buf, client_id)

  local function find()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == rule and d.lnum == line then return d end
    end
  end
  if not vim.wait(30000, function() return find() ~= nil end, 50) then
    return finish(false, "no " .. rule .. " diagnostic at line " .. line .. ": "
      .. vim.inspect(vim.diagnostic.get(buf)))
  end
  local found = find()

  -- The code actions for the diagnostic's line, as `vim.lsp.buf.code_action`
  -- asks for them (the whole line, so that no column needs converting).
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = {
      start = { line = found.lnum, character = 0 },
      ["end"] = { line = found.lnum + 1, character = 0 },
    },
    context = { diagnostics = {} },
  }
  local results = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 30000)
  local action
  for _, response in pairs(results or {}) do
    for _, candidate in ipairs(response.result or {}) do
      if candidate.kind == "quickfix" and candidate.isPreferred and not action then
        action = candidate
      end
    end
  end
  if not action then
    return finish(false, "no preferred quick fix: " .. vim.inspect(results))
  end
  vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")

  -- Gone once the server has checked the edited text: only KEEP_RULE is left.
  local function settled()
    local codes = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(codes, code_of(d)) end
    return #codes == 1 and codes[1] == keep
  end
  if not vim.wait(30000, settled, 50) then
    return finish(false, "after the fix: " .. vim.inspect(vim.diagnostic.get(buf)))
  end
  vim.cmd("write")
  finish(true, "applied '" .. action.title .. "'; " .. rule .. " at line " .. line .. " is gone")
end

local ok, error = pcall(run)
if not ok then finish(false, "error: " .. tostring(error)) end
