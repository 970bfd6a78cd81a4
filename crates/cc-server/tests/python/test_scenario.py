"""A service template's life, end to end, through the official BlueKing client
(``client.cc.<endpoint>(...)`` only) against the cc-server binary: process
templates, a service instance made from them, a locked and an unlocked edit, a
template update, the difference, the sync, the result; and CMDB's refusals."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from bkapi_client_core.exceptions import HTTPResponseError

from conftest import APP_CODE, APP_SECRET, CREDENTIALS, Server, new_client


def wrapped(value: Any, locked: bool) -> Dict[str, Any]:
    """A template field: ``as_default_value`` true locks it in the processes."""
    return {"value": value, "as_default_value": locked}


def template_spec(name: str, port: str = "80") -> Dict[str, Any]:
    """A process template: names, ``proc_num`` and the bind row locked, the start
    parameter regex and the description not."""
    return {
        "bk_process_name": wrapped(name, True),
        "bk_func_name": wrapped(name, True),
        "proc_num": wrapped(1, True),
        "bk_start_param_regex": wrapped(f"--{name}", False),
        "description": wrapped(f"the {name} process", False),
        "bind_info": wrapped(
            [
                {
                    "ip": wrapped("3", True),  # the host's first inner address
                    "port": wrapped(port, True),
                    "protocol": wrapped("1", True),  # TCP
                    "enable": wrapped(True, True),
                }
            ],
            True,
        ),
    }


def ok(answer: Dict[str, Any]) -> Any:
    """The data of an accepted request."""
    assert answer["result"] is True and answer["code"] == 0, answer
    assert answer["message"] == "success", answer
    assert len(answer["request_id"]) == 32, answer
    return answer["data"]


def refused(answer: Dict[str, Any], code: int) -> str:
    """The message of a request refused with ``code``."""
    assert answer["result"] is False, answer
    assert answer["code"] == code, answer
    assert answer["data"] is None, answer
    return answer["message"]


def create_templates(client, *specs: Dict[str, Any], **extra: Any) -> Dict[str, Any]:
    body = {"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": s} for s in specs], **extra}
    return client.cc.batch_create_proc_template(body)


def template_names(client, **extra: Any) -> List[str]:
    data = ok(client.cc.list_proc_template({"bk_biz_id": 1, "service_template_id": 51, **extra}))
    return sorted(t["bk_process_name"] for t in data["info"])


def processes_of(client, instance: int) -> Dict[str, Dict[str, Any]]:
    """The processes of a service instance, by name."""
    data = ok(client.cc.list_process_instance({"bk_biz_id": 1, "service_instance_id": instance}))
    return {p["property"]["bk_process_name"]: p for p in data}


def difference(client) -> Dict[str, Any]:
    return ok(client.cc.list_service_template_difference({"bk_biz_id": 1, "bk_module_ids": [10, 11]}))


def test_a_service_template_from_process_templates_to_a_synced_instance(client):
    # Process templates in service template 51.
    nginx, exporter = ok(create_templates(client, template_spec("nginx"), template_spec("exporter", "9100")))
    assert template_names(client) == ["exporter", "nginx"]

    # A service instance in module 10 (bound to the template) on host 1: one
    # process per process template, the bind address resolved on the host.
    (instance,) = ok(
        client.cc.create_service_instance({"bk_biz_id": 1, "bk_module_id": 10, "instances": [{"bk_host_id": 1}]})
    )
    listed = ok(client.cc.list_service_instance({"bk_biz_id": 1, "bk_module_id": 10}))
    assert listed["count"] == 1 and listed["info"][0]["id"] == instance
    processes = processes_of(client, instance)
    assert sorted(processes) == ["exporter", "nginx"]
    process = processes["nginx"]["property"]
    assert processes["nginx"]["relation"]["service_instance_id"] == instance
    assert processes["nginx"]["relation"]["process_template_id"] == nginx
    assert processes["nginx"]["relation"]["bk_host_id"] == 1
    assert process["proc_num"] == 1
    assert process["bk_start_param_regex"] == "--nginx"
    assert [(row["ip"], row["port"]) for row in process["bind_info"]] == [("10.0.0.5", "80")]
    nginx_process = process["bk_process_id"]

    # A locked field (proc_num) and an unlocked one (bk_start_param_regex) edited:
    # the server answers success for both, drops the locked edit and stores the other.
    edited = ok(
        client.cc.update_process_instance(
            {"bk_biz_id": 1, "processes": [{"bk_process_id": nginx_process, "proc_num": 7, "bk_start_param_regex": "--edited"}]}
        )
    )
    assert edited == [nginx_process]
    (stored,) = ok(client.cc.list_process_detail_by_ids({"bk_biz_id": 1, "bk_process_ids": [nginx_process]}))
    assert stored["proc_num"] == 1, "the locked edit is dropped"
    assert stored["bk_start_param_regex"] == "--edited", "the unlocked edit is stored"
    assert difference(client) == {
        "modules": [{"bk_module_id": 10, "need_sync": False}, {"bk_module_id": 11, "need_sync": False}]
    }

    # The template changes: proc_num 4, still locked.
    ok(
        client.cc.update_proc_template(
            {"bk_biz_id": 1, "process_template_id": nginx, "process_property": {"proc_num": wrapped(4, True)}}
        )
    )
    template = ok(client.cc.get_proc_template({"bk_biz_id": 1, "process_template_id": nginx}))
    assert template["property"]["proc_num"] == wrapped(4, True)
    assert processes_of(client, instance)["nginx"]["property"]["proc_num"] == 1, "not applied before a sync"

    # The difference: module 10's instances lag behind the template, module 11 has none.
    assert difference(client) == {
        "modules": [{"bk_module_id": 10, "need_sync": True}, {"bk_module_id": 11, "need_sync": False}]
    }
    by_template = ok(client.cc.list_service_template_difference({"bk_biz_id": 1, "service_template_ids": [51]}))
    assert by_template == {"service_templates": [{"service_template_id": 51, "need_sync": True}]}

    # The sync applies the template; afterwards nothing differs.
    ok(
        client.cc.sync_service_template_to_service_instance(
            {"bk_biz_id": 1, "service_template_id": 51, "bk_module_ids": [10]}
        )
    )
    assert difference(client)["modules"][0] == {"bk_module_id": 10, "need_sync": False}

    # The result: the locked field from the template, the unlocked edit kept.
    related = ok(
        client.cc.list_process_related_info(
            {
                "bk_biz_id": 1,
                "module": {"bk_module_ids": [10]},
                "fields": ["bk_process_id", "bk_process_name", "proc_num", "bk_start_param_regex"],
                "page": {"start": 0, "limit": 10},
            }
        )
    )
    assert related["count"] == 2
    by_name = {item["process"]["bk_process_name"]: item for item in related["info"]}
    assert by_name["nginx"]["process"] == {
        "bk_process_id": nginx_process,
        "bk_process_name": "nginx",
        "proc_num": 4,
        "bk_start_param_regex": "--edited",
    }
    assert by_name["exporter"]["process"]["proc_num"] == 1
    assert by_name["exporter"]["process"]["bk_start_param_regex"] == "--exporter"
    for item in related["info"]:
        assert item["module"] == {"bk_module_id": 10, "bk_module_name": "web"}
        assert item["host"]["bk_host_id"] == 1
        assert item["host"]["bk_host_innerip"] == "10.0.0.5"
        assert item["service_instance"]["id"] == instance
    assert by_name["nginx"]["process_template"]["id"] == nginx
    assert by_name["exporter"]["process_template"]["id"] == exporter


def test_a_process_name_used_again_in_another_request_is_refused(client):
    ok(create_templates(client, template_spec("nginx")))
    message = refused(create_templates(client, template_spec("nginx", "8080")), 1113019)
    assert message == "process name [nginx] unique validation failed"
    assert template_names(client) == ["nginx"]


def test_an_overlapping_port_list_is_refused(client):
    message = refused(create_templates(client, template_spec("nginx", "8000-8010,8005")), 1199006)
    assert message == (
        "'bind_info[0].port' data parameter verification does not pass: "
        "`port.value` items `8000-8010` and `8005` overlap"
    )
    assert template_names(client) == []


def test_a_raw_process_in_a_template_bound_service_instance_is_refused(client):
    ok(create_templates(client, template_spec("nginx")))
    (instance,) = ok(
        client.cc.create_service_instance({"bk_biz_id": 1, "bk_module_id": 10, "instances": [{"bk_host_id": 2}]})
    )
    raw = {"bk_process_name": "raw", "bk_func_name": "raw"}
    message = refused(
        client.cc.create_process_instance(
            {"bk_biz_id": 1, "service_instance_id": instance, "processes": [{"process_info": raw}]}
        ),
        1108035,
    )
    assert message == "create or update process instance under service instance create by template forbidden"
    assert sorted(processes_of(client, instance)) == ["nginx"]


def test_credentials_in_the_body_without_the_header(server: Server, body_client):
    body = {**CREDENTIALS, "bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": template_spec("nginx")}]}
    (created,) = ok(body_client.cc.batch_create_proc_template(body))
    listed = ok(body_client.cc.list_proc_template({**CREDENTIALS, "bk_biz_id": 1, "service_template_id": 51}))
    assert [t["id"] for t in listed["info"]] == [created]
    # CMDB's refusal through the body's credentials too.
    answer = body_client.cc.batch_create_proc_template(body)
    assert refused(answer, 1113019) == "process name [nginx] unique validation failed"


@pytest.mark.parametrize("where", ["header", "body", "none"])
def test_wrong_or_missing_credentials_are_refused(server: Server, where: str):
    client = new_client(server)
    body: Dict[str, Any] = {"bk_biz_id": 1, "service_template_id": 51}
    if where == "header":
        client.update_bkapi_authorization(bk_app_code=APP_CODE, bk_app_secret="not-the-secret")
    elif where == "body":
        body.update(bk_app_code=APP_CODE, bk_app_secret="not-the-secret")
    with pytest.raises(HTTPResponseError) as caught:
        client.cc.list_proc_template(body)
    response = caught.value.response
    assert response.status_code == 401
    answer = response.json()
    refused(answer, 1199048)
    assert APP_SECRET not in answer["message"] and "not-the-secret" not in answer["message"]
