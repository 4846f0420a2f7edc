// Tencent CSS steps through tencentcloud-sdk-go's common Client (TC3-HMAC-SHA256): POST with a CommonRequest,
// GET with a typed request shaped like the generated live/v20180801 models.
package main

import (
	"encoding/json"
	"errors"
	"net/url"
	"strconv"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

// liveRequest carries the parameters of the block-family actions (tencent.md §3) the way the generated
// live models do: pointer fields tagged `name`, which the SDK flattens into the query for GET. A CommonRequest
// cannot be sent by GET: the SDK flattens only `name`-tagged struct fields, so its map parameters would be lost.
type liveRequest struct {
	*tchttp.BaseRequest
	DomainName *string `json:"DomainName,omitempty" name:"DomainName"`
	AppName    *string `json:"AppName,omitempty" name:"AppName"`
	StreamName *string `json:"StreamName,omitempty" name:"StreamName"`
	ResumeTime *string `json:"ResumeTime,omitempty" name:"ResumeTime"`
	Reason     *string `json:"Reason,omitempty" name:"Reason"`
	PageNum    *uint64 `json:"PageNum,omitempty" name:"PageNum"`
	PageSize   *uint64 `json:"PageSize,omitempty" name:"PageSize"`
}

type liveResponse struct {
	*tchttp.BaseResponse
	Response json.RawMessage `json:"Response"`
}

func tencentDriver(method string) Driver {
	return func(cfg Config, step string) Result {
		key := map[string]string{"DomainName": cfg.Domain, "AppName": cfg.App, "StreamName": cfg.Stream}
		client := tencentClient(cfg.Tencent, method, cfg.Tencent.SecretKey)
		switch step {
		case "ban", "update":
			// tencent.md §3: there is no update action; a second ForbidLiveStream sets the new resume time.
			_, err := tencentCall(client, method, "ForbidLiveStream", withString(key, "ResumeTime", cfg.ResumeTime, "Reason", "go-sdk-check"))
			return tencentResult(err)
		case "list":
			body, err := tencentCall(client, method, "DescribeLiveForbidStreamList", map[string]string{"PageNum": "1", "PageSize": "100", "StreamName": cfg.Stream})
			if err != nil {
				return tencentResult(err)
			}
			var list struct {
				TotalNum         int
				ForbidStreamList []struct{ StreamName, DomainName, AppName, ExpireTime string }
			}
			if err := json.Unmarshal(body, &list); err != nil {
				return Result{Code: "Decode", Message: err.Error()}
			}
			r := Result{OK: true, Found: boolPtr(false), Total: intPtr(list.TotalNum)}
			for _, s := range list.ForbidStreamList {
				if s.StreamName == cfg.Stream && s.DomainName == cfg.Domain && s.AppName == cfg.App {
					r.Found, r.Listed = boolPtr(true), s.ExpireTime
				}
			}
			return r
		case "state":
			body, err := tencentCall(client, method, "DescribeLiveStreamState", key)
			if err != nil {
				return tencentResult(err)
			}
			var state struct{ StreamState string }
			if err := json.Unmarshal(body, &state); err != nil {
				return Result{Code: "Decode", Message: err.Error()}
			}
			return Result{OK: true, StreamState: state.StreamState}
		case "resume":
			_, err := tencentCall(client, method, "ResumeLiveStream", key)
			return tencentResult(err)
		case "kick":
			_, err := tencentCall(client, method, "DropLiveStream", key)
			return tencentResult(err)
		case "badsig":
			_, err := tencentCall(tencentClient(cfg.Tencent, method, cfg.WrongSecret), method, "ForbidLiveStream", key)
			return tencentResult(err)
		}
		return unknownStep(step)
	}
}

func tencentClient(c TencentConfig, method, secretKey string) *common.Client {
	u, _ := url.Parse(c.Endpoint)
	prof := profile.NewClientProfile()
	prof.HttpProfile.Endpoint = u.Host
	prof.HttpProfile.Scheme = "HTTP"
	prof.HttpProfile.ReqMethod = method
	prof.HttpProfile.ReqTimeout = 10
	cred := common.NewCredential(c.SecretID, secretKey)
	if c.Token != "" {
		cred = common.NewTokenCredential(c.SecretID, secretKey, c.Token)
	}
	return common.NewCommonClient(cred, "", prof)
}

// tencentCall returns the Response object's JSON.
func tencentCall(client *common.Client, method, action string, params map[string]string) ([]byte, error) {
	if method == "GET" {
		req := &liveRequest{BaseRequest: &tchttp.BaseRequest{}}
		req.Init().WithApiInfo("live", "2018-08-01", action)
		for name, field := range map[string]**string{
			"DomainName": &req.DomainName, "AppName": &req.AppName, "StreamName": &req.StreamName,
			"ResumeTime": &req.ResumeTime, "Reason": &req.Reason,
		} {
			if v, ok := params[name]; ok {
				*field = &v
			}
		}
		for name, field := range map[string]**uint64{"PageNum": &req.PageNum, "PageSize": &req.PageSize} {
			if v, ok := params[name]; ok {
				n, _ := strconv.ParseUint(v, 10, 64)
				*field = &n
			}
		}
		resp := &liveResponse{BaseResponse: &tchttp.BaseResponse{}}
		if err := client.Send(req, resp); err != nil {
			return nil, err
		}
		return resp.Response, nil
	}
	req := tchttp.NewCommonRequest("live", "2018-08-01", action)
	body := map[string]interface{}{}
	for k, v := range params {
		if k == "PageNum" || k == "PageSize" {
			n, _ := strconv.Atoi(v)
			body[k] = n
		} else {
			body[k] = v
		}
	}
	if err := req.SetActionParameters(body); err != nil {
		return nil, err
	}
	resp := tchttp.NewCommonResponse()
	if err := client.Send(req, resp); err != nil {
		return nil, err
	}
	var envelope struct{ Response json.RawMessage }
	if err := json.Unmarshal(resp.GetBody(), &envelope); err != nil {
		return nil, err
	}
	return envelope.Response, nil
}

func tencentResult(err error) Result {
	if err == nil {
		return Result{OK: true}
	}
	var sdkErr *tcerr.TencentCloudSDKError
	if errors.As(err, &sdkErr) {
		return Result{Code: sdkErr.Code, Message: sdkErr.Message, RequestID: sdkErr.RequestId}
	}
	return Result{Code: "ClientError", Message: err.Error()}
}

// withString returns a copy of m with the key/value pairs added.
func withString(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}
