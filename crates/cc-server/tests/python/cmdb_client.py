"""The official ESB client, ``bkapi-component-open``, with the three process
operations its 2.1.0 release lacks.

bkapi-component-open 2.1.0 declares no ``list_process_related_info``,
``list_service_template_difference`` or ``sync_service_template_to_service_instance``
in its ``CcGroup`` (newer CMDB versions serve them, on the same ESB path as every
other ``cc`` component). They are declared here as the package declares its own
operations: an ``Operation`` bound with ``bind_property`` on a subclass of its
``CcGroup``, and a ``Client`` whose ``cc`` group is that subclass. Every other
operation, and everything else about the client, is the package's.
"""

from __future__ import annotations

from bkapi_client_core.esb import Operation, bind_property
from bkapi_component.open.client import CcGroup, Client


class NewerCcGroup(CcGroup):
    """``CcGroup`` with the process operations of newer CMDB versions."""

    # 查询进程实例及其关联的模块、主机和服务实例 (list processes with what they are bound to)
    list_process_related_info = bind_property(
        Operation,
        name="list_process_related_info",
        method="POST",
        path="/api/c/compapi{bk_api_ver}/cc/list_process_related_info/",
    )

    # 查询服务模板与其服务实例的差异 (does a template or module need a sync)
    list_service_template_difference = bind_property(
        Operation,
        name="list_service_template_difference",
        method="POST",
        path="/api/c/compapi{bk_api_ver}/cc/list_service_template_difference/",
    )

    # 同步服务模板到服务实例 (apply a template's changes to its modules' instances)
    sync_service_template_to_service_instance = bind_property(
        Operation,
        name="sync_service_template_to_service_instance",
        method="POST",
        path="/api/c/compapi{bk_api_ver}/cc/sync_service_template_to_service_instance/",
    )


class NewerClient(Client):
    """``bkapi_component.open.client.Client`` whose ``cc`` group is ``NewerCcGroup``."""

    cc = bind_property(NewerCcGroup, name="cc")
