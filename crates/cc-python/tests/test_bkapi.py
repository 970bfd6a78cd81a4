"""cc_lint.bkapi.guard with the real bkapi-component-open client, against a local HTTP
server started here on 127.0.0.1 (a free port)."""

from __future__ import annotations

import json
import threading
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from bkapi_client_core.esb import ESBClient, Operation, OperationGroup, bind_property
from bkapi_component.open.client import Client

import cc_lint
from cc_lint.bkapi import guard
from conftest import EXAMPLES

BROKEN = json.loads((EXAMPLES / "update_process_instance.out-of-range.json").read_bytes())
# Every field given, so no reading of the write (raw-process-edit) matters.
CLEAN = {"bk_biz_id": 1, "processes": [{"bk_process_id": 7, "bk_process_name": "p1", "bk_func_name": "java", "bk_start_param_regex": "", "proc_num": 2, "priority": 1, "timeout": 30, "bk_start_check_secs": 5, "auto_start": False, "start_cmd": "", "stop_cmd": "", "restart_cmd": "", "face_stop_cmd": "", "reload_cmd": "", "pid_file": "", "work_path": "", "user": "app", "description": "", "bind_info": []}]}
UNKNOWN_FIELD = {"bk_biz_id": 1, "processes": [{**CLEAN["processes"][0], "colour": "red"}]}
OK = {"result": True, "code": 0, "message": "success", "data": None}


class Recorder(BaseHTTPRequestHandler):
    """Answers every POST with CMDB's success envelope and records it."""

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests.append((self.path, json.loads(body) if body else None))
        answer = json.dumps(OK).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


def client_for(server):
    host, port = server.server_address
    return Client(endpoint=f"http://{host}:{port}")


def test_raise_mode_never_sends_a_payload_with_errors(server):
    client = guard(client_for(server))
    with pytest.raises(cc_lint.PayloadError) as caught:
        client.cc.update_process_instance(BROKEN)
    assert server.requests == []
    error = caught.value
    assert error.endpoint == "update_process_instance"
    assert [d.to_dict() for d in error.diagnostics] == [
        d.to_dict() for d in cc_lint.check(BROKEN, "update_process_instance")
    ]
    assert "/processes/0/priority" in str(error) and "not sent" in str(error)
    # The request form is checked too.
    with pytest.raises(cc_lint.PayloadError):
        client.cc.update_process_instance.request(BROKEN)
    assert server.requests == []


def test_raise_mode_sends_a_clean_payload(server):
    client = guard(client_for(server))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert client.cc.update_process_instance(CLEAN) == OK
    assert server.requests == [("/api/c/compapi/cc/update_process_instance/", CLEAN)]


def test_raise_mode_sends_a_payload_with_warnings_and_warns(server):
    client = guard(client_for(server), "raise")
    with pytest.warns(cc_lint.PayloadWarning, match=r"update_process_instance: /processes/0/colour: warning\[unknown-field\]") as caught:
        assert client.cc.update_process_instance(UNKNOWN_FIELD) == OK
    assert server.requests == [("/api/c/compapi/cc/update_process_instance/", UNKNOWN_FIELD)]
    (warning,) = caught.list
    assert warning.filename == __file__, "the warning points at the caller"
    assert warning.message.diagnostic.rule == "unknown-field"


def test_warn_mode_warns_for_each_finding_and_sends(server):
    client = guard(client_for(server), mode="warn")
    expected = cc_lint.check(BROKEN, "update_process_instance")
    with pytest.warns(cc_lint.PayloadWarning) as caught:
        assert client.cc.update_process_instance(BROKEN) == OK
    assert [w.message.diagnostic for w in caught.list] == expected
    assert server.requests == [("/api/c/compapi/cc/update_process_instance/", BROKEN)]


def test_overrides_apply(server):
    client = guard(client_for(server), allow=["schema"])
    assert client.cc.update_process_instance(BROKEN) == OK
    client = guard(client_for(server), deny=["unknown-field"])
    with pytest.raises(cc_lint.PayloadError):
        client.cc.update_process_instance(UNKNOWN_FIELD)
    assert len(server.requests) == 1


def test_other_endpoints_and_groups_pass_through(server):
    client = guard(client_for(server))
    junk = {"anything": [1, 2, 3]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client.cc.search_business(junk)  # not a modelled endpoint
        client.cmsi.send_mail(junk)  # not the cc group
    paths = [path for path, _ in server.requests]
    assert paths == ["/api/c/compapi/cc/search_business/", "/api/c/compapi/cmsi/send_mail/"]


def test_any_bkapi_client_core_client_with_a_cc_group(server):
    class CcGroup(OperationGroup):
        delete_proc_template = bind_property(
            Operation, name="delete_proc_template", method="POST", path="/cc/delete_proc_template/"
        )

    class MyClient(ESBClient):
        cc = bind_property(CcGroup, name="cc")

    host, port = server.server_address
    client = guard(MyClient(endpoint=f"http://{host}:{port}"))
    with pytest.raises(cc_lint.PayloadError, match="delete_proc_template"):
        client.cc.delete_proc_template({"bk_biz_id": 1, "process_templates": []})
    client.cc.delete_proc_template({"bk_biz_id": 1, "process_templates": [5]})
    assert server.requests == [("/cc/delete_proc_template/", {"bk_biz_id": 1, "process_templates": [5]})]


def test_guarding_again_replaces_the_guard(server):
    client = guard(guard(client_for(server)), "warn")
    with pytest.warns(cc_lint.PayloadWarning) as caught:
        client.cc.update_process_instance(BROKEN)
    assert len(caught.list) == len(cc_lint.check(BROKEN, "update_process_instance"))
    assert len(server.requests) == 1


def test_wrong_arguments():
    with pytest.raises(cc_lint.ArgumentTypeError, match="not object"):
        guard(object())
    with pytest.raises(cc_lint.ArgumentValueError, match='mode must be "raise" or "warn"'):
        guard(Client(endpoint="http://127.0.0.1:9"), mode="strict")
    with pytest.raises(cc_lint.UnknownRuleError):
        guard(Client(endpoint="http://127.0.0.1:9"), allow=["shema"])
